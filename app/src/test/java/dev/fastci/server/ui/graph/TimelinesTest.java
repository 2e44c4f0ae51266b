package dev.fastci.server.ui.graph;

import static dev.fastci.server.ui.graph.Jobs.T0;
import static dev.fastci.server.ui.graph.Jobs.job;
import static dev.fastci.server.ui.graph.Jobs.ran;
import static dev.fastci.server.ui.graph.Jobs.running;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class TimelinesTest {

  @Test
  void barsArePercentagesOfTheSpanFromFirstStartToLastEnd() {
    Timeline timeline =
        Timelines.of(
            List.of(ran("a", 0, 2_000), ran("b", 2_000, 10_000, "a"), ran("c", 5_000, 6_000)),
            T0.plusSeconds(3600));

    assertThat(timeline.bars())
        .extracting(TimelineBar::name, TimelineBar::leftPercent, TimelineBar::widthPercent)
        .containsExactly(tuple("a", 0.0, 20.0), tuple("b", 20.0, 80.0), tuple("c", 50.0, 10.0));
    assertThat(timeline.total()).isEqualTo("10.0s");
  }

  @Test
  void axisStartsAtTheEarliestStartNotAtZero() {
    Timeline timeline =
        Timelines.of(List.of(ran("a", 60_000, 61_000), ran("b", 60_500, 62_000)), T0);

    assertThat(timeline.bars().get(0).leftPercent()).isZero();
    assertThat(timeline.bars().get(1).leftPercent()).isCloseTo(25.0, within(1e-9));
    assertThat(timeline.bars().get(1).widthPercent()).isCloseTo(75.0, within(1e-9));
  }

  @Test
  void theSetupComesFirstFromTheRunsAcceptanceToItsLastStep() {
    Timelines.Setup setup =
        new Timelines.Setup(
            T0, T0.plusMillis(6_000), false, "host h1 0.02 s; checkout 5.98 s (mirror cloned)");
    Timeline timeline =
        Timelines.of(List.of(ran("a", 6_000, 8_000), ran("b", 8_000, 10_000, "a")), setup, T0);

    assertThat(timeline.bars())
        .extracting(TimelineBar::name, TimelineBar::status, TimelineBar::leftPercent)
        .containsExactly(
            tuple("setup", "setup", 0.0),
            tuple("a", "succeeded", 60.0),
            tuple("b", "succeeded", 80.0));
    assertThat(timeline.bars().get(0).widthPercent()).isEqualTo(60.0);
    assertThat(timeline.bars().get(0).duration()).isEqualTo("6.00s");
    assertThat(timeline.bars().get(0).detail()).contains("checkout 5.98 s (mirror cloned)");
    assertThat(timeline.total()).isEqualTo("10.0s");
  }

  @Test
  void aSetupUnderWayEndsNow() {
    Timelines.Setup setup = new Timelines.Setup(T0, T0.plusMillis(10), true, "host h1 0.01 s");

    Timeline timeline = Timelines.of(List.of(job("a")), setup, T0.plusSeconds(3));

    assertThat(timeline.bars().get(0).duration()).isEqualTo("3.00s");
    assertThat(timeline.bars().get(1).widthPercent()).isZero();
  }

  @Test
  void runningJobEndsNow() {
    Timeline timeline =
        Timelines.of(List.of(ran("a", 0, 1_000), running("b", 1_000, "a")), T0.plusSeconds(4));

    TimelineBar b = timeline.bars().get(1);
    assertThat(b.status()).isEqualTo("running");
    assertThat(b.leftPercent()).isEqualTo(25.0);
    assertThat(b.widthPercent()).isEqualTo(75.0);
    assertThat(b.duration()).isEqualTo("3.00s");
    assertThat(timeline.total()).isEqualTo("4.00s");
  }

  @Test
  void jobThatNeverStartedHasAnEmptyBar() {
    Timeline timeline = Timelines.of(List.of(ran("a", 0, 1_000), job("b", "a")), T0);

    assertThat(timeline.bars().get(1)).isEqualTo(new TimelineBar("b", "pending", 0, 0, false, ""));
  }

  @Test
  void instantJobStillGetsAVisibleBarInsideTheAxis() {
    Timeline timeline =
        Timelines.of(List.of(ran("long", 0, 100_000), ran("instant", 100_000, 100_000)), T0);

    TimelineBar instant = timeline.bars().get(1);
    assertThat(instant.widthPercent()).isEqualTo(Timelines.MIN_WIDTH_PERCENT);
    assertThat(instant.leftPercent() + instant.widthPercent()).isLessThanOrEqualTo(100.0);
  }

  @Test
  void runWhereNothingStartedHasNoTotalAndNoNaN() {
    Timeline timeline = Timelines.of(List.of(job("a"), job("b", "a")), T0);

    assertThat(timeline.total()).isEmpty();
    assertThat(timeline.bars())
        .allSatisfy(
            bar -> {
              assertThat(bar.leftPercent()).isZero();
              assertThat(bar.widthPercent()).isZero();
              assertThat(bar.critical()).isFalse();
            });
  }

  @Test
  void emptyRunHasNoBars() {
    Timeline timeline = Timelines.of(List.of(), T0);

    assertThat(timeline.bars()).isEmpty();
    assertThat(timeline.total()).isEmpty();
  }

  @Test
  void runOfZeroLengthDoesNotDivideByZero() {
    Timeline timeline = Timelines.of(List.of(ran("a", 0, 0)), T0);

    TimelineBar a = timeline.bars().get(0);
    assertThat(a.leftPercent()).isZero();
    assertThat(a.widthPercent()).isEqualTo(Timelines.MIN_WIDTH_PERCENT);
    assertThat(a.duration()).isEqualTo("0.00s");
    assertThat(timeline.total()).isEqualTo("0.00s");
  }

  @Test
  void criticalPathThroughADiamondFollowsTheSlowerBranch() {
    Timeline timeline =
        Timelines.of(
            List.of(
                ran("a", 0, 1_000),
                ran("fast", 1_000, 2_000, "a"),
                ran("slow", 1_000, 8_000, "a"),
                ran("d", 8_000, 9_000, "fast", "slow"),
                ran("lint", 0, 500)),
            T0);

    assertThat(timeline.bars())
        .extracting(TimelineBar::name, TimelineBar::critical)
        .containsExactly(
            tuple("a", true),
            tuple("fast", false),
            tuple("slow", true),
            tuple("d", true),
            tuple("lint", false));
  }

  @Test
  void criticalPathSkipsParentsThatNeverStartedAndEndsAtARunningJob() {
    Timeline timeline =
        Timelines.of(
            List.of(ran("a", 0, 1_000), job("b"), running("c", 1_000, "a", "b")),
            T0.plusSeconds(5));

    assertThat(timeline.bars())
        .extracting(TimelineBar::name, TimelineBar::critical)
        .containsExactly(tuple("a", true), tuple("b", false), tuple("c", true));
  }
}
