package dev.fastci.server.ui.graph;

import static dev.fastci.server.ui.graph.Jobs.job;
import static dev.fastci.server.ui.graph.Jobs.ran;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertTimeout;

import dev.fastci.server.runs.JobView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DagLayoutTest {

  private static Map<String, DagNode> byName(DagDrawing drawing) {
    return drawing.nodes().stream().collect(Collectors.toMap(DagNode::name, Function.identity()));
  }

  @Test
  void emptyRunGivesAnEmptyDrawing() {
    DagDrawing drawing = DagLayout.layout(List.of());

    assertThat(drawing.nodes()).isEmpty();
    assertThat(drawing.edges()).isEmpty();
    assertThat(drawing.width()).isZero();
    assertThat(drawing.height()).isZero();
  }

  @Test
  void chainPutsEachJobOneColumnFurther() {
    DagDrawing drawing =
        DagLayout.layout(List.of(job("build"), job("test", "build"), job("deploy", "test")));

    assertThat(drawing.nodes())
        .extracting(DagNode::name, DagNode::column, DagNode::row)
        .containsExactly(tuple("build", 0, 0), tuple("test", 1, 0), tuple("deploy", 2, 0));
  }

  @Test
  void diamondPutsTheBranchesInOneColumnAndTheJoinAfterThem() {
    DagDrawing drawing =
        DagLayout.layout(List.of(job("a"), job("b", "a"), job("c", "a"), job("d", "b", "c")));

    assertThat(drawing.nodes())
        .extracting(DagNode::name, DagNode::column, DagNode::row)
        .containsExactly(tuple("a", 0, 0), tuple("b", 1, 0), tuple("c", 1, 1), tuple("d", 2, 0));
  }

  @Test
  void columnIsTheLongestPathNotTheShortest() {
    DagDrawing drawing =
        DagLayout.layout(
            List.of(
                job("j1"),
                job("j2", "j1"),
                job("j3", "j2"),
                job("j4", "j3"),
                job("j5", "j1", "j4")));

    assertThat(byName(drawing).get("j5").column()).isEqualTo(4);
  }

  @Test
  void columnDoesNotDependOnInputOrder() {
    DagDrawing drawing =
        DagLayout.layout(
            List.of(job("j5", "j1", "j4"), job("j4", "j3"), job("j3", "j1"), job("j1")));

    Map<String, DagNode> nodes = byName(drawing);
    assertThat(nodes.get("j1").column()).isZero();
    assertThat(nodes.get("j3").column()).isEqualTo(1);
    assertThat(nodes.get("j4").column()).isEqualTo(2);
    assertThat(nodes.get("j5").column()).isEqualTo(3);
  }

  @Test
  void rootsKeepTheirInputOrder() {
    DagDrawing drawing = DagLayout.layout(List.of(job("z"), job("a"), job("m")));

    assertThat(drawing.nodes())
        .extracting(DagNode::name, DagNode::row)
        .containsExactly(tuple("z", 0), tuple("a", 1), tuple("m", 2));
  }

  @Test
  void childrenAreOrderedByTheirParentsRowsToAvoidCrossings() {
    DagDrawing drawing =
        DagLayout.layout(
            List.of(
                job("top"), job("bottom"), job("after-bottom", "bottom"), job("after-top", "top")));

    Map<String, DagNode> nodes = byName(drawing);
    assertThat(nodes.get("after-top").row()).isZero();
    assertThat(nodes.get("after-bottom").row()).isEqualTo(1);
  }

  @Test
  void nodesKnowTheirParentsChildrenAndLowercaseStatus() {
    DagDrawing drawing = DagLayout.layout(List.of(ran("a", 0, 10), job("b", "a"), job("c", "a")));

    DagNode a = byName(drawing).get("a");
    assertThat(a.status()).isEqualTo("succeeded");
    assertThat(a.parents()).isEmpty();
    assertThat(a.children()).containsExactly("b", "c");
    assertThat(byName(drawing).get("b").parents()).containsExactly("a");
    assertThat(byName(drawing).get("b").status()).isEqualTo("pending");
  }

  @Test
  void unknownParentsAreIgnored() {
    DagDrawing drawing = DagLayout.layout(List.of(job("a", "ghost")));

    assertThat(drawing.nodes().get(0).column()).isZero();
    assertThat(drawing.nodes().get(0).parents()).isEmpty();
    assertThat(drawing.edges()).isEmpty();
  }

  @Test
  void nodesDoNotOverlapAndFitInTheDrawing() {
    DagDrawing drawing =
        DagLayout.layout(
            List.of(
                job("a"),
                job("b"),
                job("c", "a"),
                job("d", "a", "b"),
                job("e", "b"),
                job("f", "c", "d", "e"),
                job("g", "a", "f")));

    List<DagNode> nodes = drawing.nodes();
    for (int i = 0; i < nodes.size(); i++) {
      DagNode n = nodes.get(i);
      assertThat(n.x()).isGreaterThanOrEqualTo(0);
      assertThat(n.y()).isGreaterThanOrEqualTo(0);
      assertThat(n.x() + n.width()).isLessThanOrEqualTo(drawing.width());
      assertThat(n.y() + n.height()).isLessThanOrEqualTo(drawing.height());
      for (int j = i + 1; j < nodes.size(); j++) {
        DagNode m = nodes.get(j);
        boolean apart =
            n.x() + n.width() <= m.x()
                || m.x() + m.width() <= n.x()
                || n.y() + n.height() <= m.y()
                || m.y() + m.height() <= n.y();
        assertThat(apart).as("%s and %s overlap", n.name(), m.name()).isTrue();
      }
    }
  }

  @Test
  void edgesRunFromTheParentsRightMiddleToTheChildsLeftMiddle() {
    DagDrawing drawing = DagLayout.layout(List.of(job("a"), job("b"), job("c", "a", "b")));

    assertThat(drawing.edges())
        .extracting(DagEdge::from, DagEdge::to)
        .containsExactly(tuple("a", "c"), tuple("b", "c"));
    Map<String, DagNode> nodes = byName(drawing);
    DagNode b = nodes.get("b");
    DagNode c = nodes.get("c");
    double x1 = b.x() + b.width();
    double y1 = b.y() + b.height() / 2;
    double x2 = c.x();
    double y2 = c.y() + c.height() / 2;
    double mid = (x1 + x2) / 2;
    assertThat(drawing.edges().get(1).path())
        .isEqualTo(
            "M%s %s C%s %s, %s %s, %s %s",
            fmt(x1), fmt(y1), fmt(mid), fmt(y1), fmt(mid), fmt(y2), fmt(x2), fmt(y2));
  }

  @Test
  void edgePathsUseDotDecimalsWithoutTrailingZeros() {
    DagDrawing drawing = DagLayout.layout(List.of(job("a"), job("b", "a")));

    assertThat(drawing.edges().get(0).path()).isEqualTo("M180 28 C215 28, 215 28, 250 28");
  }

  @Test
  void longChainLaysOutQuicklyWithoutRecursion() {
    List<JobView> jobs = new ArrayList<>();
    jobs.add(job("j0"));
    for (int i = 1; i < 300; i++) {
      jobs.add(job("j" + i, "j" + (i - 1)));
    }

    DagDrawing drawing = assertTimeout(Duration.ofSeconds(2), () -> DagLayout.layout(jobs));

    assertThat(drawing.nodes()).hasSize(300);
    assertThat(drawing.nodes().get(299).column()).isEqualTo(299);
    assertThat(drawing.edges()).hasSize(299);
    assertThat(drawing.width())
        .isEqualTo(2 * DagLayout.MARGIN + 300 * DagLayout.NODE_WIDTH + 299 * DagLayout.COLUMN_GAP);
  }

  @Test
  void wideFanOutLaysOutQuicklyInOneColumn() {
    List<JobView> jobs = new ArrayList<>();
    jobs.add(job("root"));
    for (int i = 1; i < 300; i++) {
      jobs.add(job("leaf" + i, "root"));
    }

    DagDrawing drawing = assertTimeout(Duration.ofSeconds(2), () -> DagLayout.layout(jobs));

    assertThat(drawing.nodes().subList(1, 300))
        .allSatisfy(node -> assertThat(node.column()).isEqualTo(1));
    assertThat(drawing.nodes().get(299).row()).isEqualTo(298);
    assertThat(drawing.height())
        .isEqualTo(2 * DagLayout.MARGIN + 299 * DagLayout.NODE_HEIGHT + 298 * DagLayout.ROW_GAP);
    assertThat(drawing.nodes().get(0).children()).hasSize(299);
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  @Test
  void theInstancesOfAMatrixJobShareOneBoxAndShowTheirValues() {
    DagDrawing drawing =
        DagLayout.layout(
            List.of(
                job("build"),
                Jobs.instance("t.v-1", "t", "v=1", "build"),
                Jobs.instance("t.v-2", "t", "v=2", "build"),
                job("lint", "build"),
                job("sum", "t.v-1", "t.v-2")));

    assertThat(drawing.groups())
        .singleElement()
        .satisfies(
            group -> {
              DagNode first = byName(drawing).get("t.v-1");
              DagNode second = byName(drawing).get("t.v-2");
              assertThat(group.name()).isEqualTo("t");
              assertThat(group.y()).isLessThan(first.y());
              assertThat(group.y() + group.height()).isGreaterThan(second.y() + second.height());
              assertThat(second.row()).isEqualTo(first.row() + 1);
            });
    assertThat(byName(drawing).get("t.v-2").label()).isEqualTo("t (v=2)");
    assertThat(byName(drawing).get("lint").label()).isEqualTo("lint");
  }
}
