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
 * that has not finished ends {@code now}.
 */
public final class Timelines {

  /** The narrowest bar drawn for a started job, so that instant jobs stay visible. */
  public static final double MIN_WIDTH_PERCENT = 0.5;

  private Timelines() {}

  public static Timeline of(List<JobView> jobs, Instant now) {
    Map<String, Span> spans = new HashMap<>();
    Instant axisStart = null;
    Instant axisEnd = null;
    for (JobView job : jobs) {
      if (job.startedAt() != null && !spans.containsKey(job.name())) {
        Span span = Span.of(job, now);
        spans.put(job.name(), span);
        axisStart =
            axisStart == null || span.start().isBefore(axisStart) ? span.start() : axisStart;
        axisEnd = axisEnd == null || span.end().isAfter(axisEnd) ? span.end() : axisEnd;
      }
    }
    long axisMillis = spans.isEmpty() ? 0 : Duration.between(axisStart, axisEnd).toMillis();
    Set<String> critical = criticalPath(jobs, spans);
    List<TimelineBar> bars = new ArrayList<>();
    for (JobView job : jobs) {
      bars.add(
          job.startedAt() == null
              ? new TimelineBar(job.displayName(), DagLayout.status(job), 0, 0, false, "")
              : bar(job, spans.get(job.name()), axisStart, axisMillis, critical));
    }
    return new Timeline(List.copyOf(bars), spans.isEmpty() ? "" : Durations.format(axisMillis));
  }

  private static TimelineBar bar(
      JobView job, Span span, Instant axisStart, long axisMillis, Set<String> critical) {
    long startMillis = Duration.between(axisStart, span.start()).toMillis();
    long millis = span.millis();
    double width = MIN_WIDTH_PERCENT;
    double left = 0;
    if (axisMillis > 0) {
      width = Math.max(MIN_WIDTH_PERCENT, 100.0 * millis / axisMillis);
      left = Math.min(100.0 * startMillis / axisMillis, 100 - width);
    }
    return new TimelineBar(
        job.displayName(),
        DagLayout.status(job),
        left,
        width,
        critical.contains(job.name()),
        Durations.format(millis));
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
