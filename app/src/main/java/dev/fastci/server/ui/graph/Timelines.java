package dev.fastci.server.ui.graph;

import dev.fastci.format.Durations;
import dev.fastci.server.runs.JobView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a run's timeline. The axis runs from the earliest start to the latest end; a started job
 * that has not finished ends {@code now}. A run that told its setup steps gets a {@code setup} bar
 * first, from its acceptance to its last setup step (a setup under way ends {@code now}).
 */
public final class Timelines {

  /** The narrowest bar drawn for a started job, so that instant jobs stay visible. */
  public static final double MIN_WIDTH_PERCENT = 0.5;

  /** The name (and CSS status) of the setup bar. */
  public static final String SETUP = "setup";

  private Timelines() {}

  /**
   * A run's setup phase.
   *
   * @param end the end of its last step so far
   * @param running true while it goes on: the bar reaches {@code now}
   * @param steps its steps, for the bar's tooltip
   */
  public record Setup(Instant start, Instant end, boolean running, String steps) {}

  public static Timeline of(List<JobView> jobs, Instant now) {
    return of(jobs, null, now);
  }

  /**
   * @param setup the run's setup phase, or null when it told none
   */
  public static Timeline of(List<JobView> jobs, Setup setup, Instant now) {
    Map<String, Span> spans = new HashMap<>();
    Instant axisStart = null;
    Instant axisEnd = null;
    Span setupSpan = null;
    if (setup != null) {
      Instant end = setup.running() && now.isAfter(setup.end()) ? now : setup.end();
      setupSpan = new Span(setup.start(), end.isBefore(setup.start()) ? setup.start() : end);
      axisStart = setupSpan.start();
      axisEnd = setupSpan.end();
    }
    for (JobView job : jobs) {
      if (job.startedAt() != null && !spans.containsKey(job.name())) {
        Span span = Span.of(job, now);
        spans.put(job.name(), span);
        axisStart =
            axisStart == null || span.start().isBefore(axisStart) ? span.start() : axisStart;
        axisEnd = axisEnd == null || span.end().isAfter(axisEnd) ? span.end() : axisEnd;
      }
    }
    long axisMillis = axisStart == null ? 0 : Duration.between(axisStart, axisEnd).toMillis();
    Set<String> critical = criticalPath(jobs, spans);
    List<TimelineBar> bars = new ArrayList<>();
    if (setupSpan != null) {
      bars.add(setupBar(setupSpan, setup.steps(), axisStart, axisMillis));
    }
    for (JobView job : jobs) {
      bars.add(
          job.startedAt() == null
              ? new TimelineBar(job.displayName(), DagLayout.status(job), 0, 0, false, "")
              : bar(job, spans.get(job.name()), axisStart, axisMillis, critical));
    }
    return new Timeline(List.copyOf(bars), axisStart == null ? "" : Durations.format(axisMillis));
  }

  private static TimelineBar setupBar(Span span, String steps, Instant axisStart, long axisMillis) {
    double[] place = place(Duration.between(axisStart, span.start()).toMillis(), span, axisMillis);
    return new TimelineBar(
        SETUP, SETUP, place[0], place[1], false, Durations.format(span.millis()), steps);
  }

  /** Where a span's bar goes on the axis: {left, width}, in percent. */
  private static double[] place(long startMillis, Span span, long axisMillis) {
    double width = MIN_WIDTH_PERCENT;
    double left = 0;
    if (axisMillis > 0) {
      width = Math.max(MIN_WIDTH_PERCENT, 100.0 * span.millis() / axisMillis);
      left = Math.min(100.0 * startMillis / axisMillis, 100 - width);
    }
    return new double[] {left, width};
  }

  private static TimelineBar bar(
      JobView job, Span span, Instant axisStart, long axisMillis, Set<String> critical) {
    double[] place = place(Duration.between(axisStart, span.start()).toMillis(), span, axisMillis);
    return new TimelineBar(
        job.displayName(),
        DagLayout.status(job),
        place[0],
        place[1],
        critical.contains(job.name()),
        Durations.format(span.millis()));
  }

  /**
   * From the job that ended last, repeatedly step to its started parent that ended last. Ties go to
   * the job listed first.
   */
  private static Set<String> criticalPath(List<JobView> jobs, Map<String, Span> spans) {
    Map<String, JobView> byName = new HashMap<>();
    JobView current = null;
    for (JobView job : jobs) {
      byName.putIfAbsent(job.name(), job);
      if (job.startedAt() != null && endsLater(job, current, spans)) {
        current = job;
      }
    }
    Set<String> path = new HashSet<>();
    while (current != null && path.add(current.name())) {
      JobView next = null;
      for (String parentName : current.parents() == null ? List.<String>of() : current.parents()) {
        JobView parent = byName.get(parentName);
        if (parent != null && parent.startedAt() != null && endsLater(parent, next, spans)) {
          next = parent;
        }
      }
      current = next;
    }
    return path;
  }

  private static boolean endsLater(JobView job, JobView than, Map<String, Span> spans) {
    return than == null || spans.get(job.name()).end().isAfter(spans.get(than.name()).end());
  }

  /** When a started job ran; one that has not finished runs until {@code now}. */
  private record Span(Instant start, Instant end) {

    static Span of(JobView job, Instant now) {
      Instant end = job.finishedAt() != null ? job.finishedAt() : now;
      return new Span(job.startedAt(), end.isBefore(job.startedAt()) ? job.startedAt() : end);
    }

    long millis() {
      return Duration.between(start, end).toMillis();
    }
  }
}
