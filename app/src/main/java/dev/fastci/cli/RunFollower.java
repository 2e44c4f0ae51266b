package dev.fastci.cli;

import dev.fastci.contract.JobState;
import dev.fastci.contract.JobStatus;
import dev.fastci.contract.JobTry;
import dev.fastci.contract.PipelineEvent;
import dev.fastci.contract.PipelineState;
import dev.fastci.format.Durations;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints a run as it happens: a line per event of the run (its setup steps, such as {@code setup:
 * checkout 5.90 s (mirror cloned)}, a lost host), a progress line per job state change (and per
 * retried try of a job with {@code retry}), and each job's log lines prefixed with its name. It
 * reads the workflow's query and the log files; it never slows the run.
 */
final class RunFollower {
  private static final Duration REFRESH = Duration.ofMillis(100);
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final RunSource source;
  private final PrintStream out;
  private final Map<String, JobStatus> shown = new HashMap<>();
  private final Map<String, Integer> retriesShown = new HashMap<>();
  private final Map<String, LogTailer> tailers = new HashMap<>();
  private final Approvals approvals;
  private int eventsShown;
  private int nameWidth;

  /** The run's approval jobs: their messages, and who answers them (a person at a terminal). */
  interface Approvals {
    /** The job's approval message; null for a job that is not an approval. */
    String message(String job);

    /**
     * Asks for a decision on a WAITING job and sends it; does nothing when nobody can be asked here
     * (no terminal): someone decides on the run page or through the API.
     */
    void ask(String job) throws IOException;
  }

  RunFollower(RunSource source, PrintStream out, Approvals approvals) {
    this.source = source;
    this.out = out;
    this.approvals = approvals;
  }

  /** Follows the run until it ends; returns its final state. */
  PipelineState follow() throws IOException, InterruptedException {
    while (true) {
      PipelineState now = source.poll(REFRESH);
      if (now != null) {
        show(now);
        if (now.status().isFinal()) {
          return now;
        }
      }
    }
  }

  /**
   * For each job: its RUNNING line (also for a job that started and ended between two looks), then
   * its new log lines, a line for each try that is retried (after that try's log), then its final
   * line.
   */
  private void show(PipelineState state) throws IOException {
    if (nameWidth == 0) {
      nameWidth = state.jobs().stream().mapToInt(j -> j.name().length()).max().orElse(4);
    }
    List<PipelineEvent> events = state.events();
    for (; eventsShown < events.size(); eventsShown++) {
      out.println(LocalTime.now().format(CLOCK) + " " + events.get(eventsShown).message());
    }
    for (JobState job : state.jobs()) {
      JobStatus before = shown.getOrDefault(job.name(), JobStatus.PENDING);
      JobStatus now = job.status();
      if (now == before || now == JobStatus.PENDING) {
        if (now == JobStatus.RUNNING) {
          showRetries(state.runId(), job);
          tailers.get(job.name()).poll();
        }
        continue;
      }
      shown.put(job.name(), now);
      if (now == JobStatus.WAITING) {
        out.println(progressLine(job, now) + " for approval: " + approvals.message(job.name()));
        approvals.ask(job.name());
        continue;
      }
      boolean ran =
          now != JobStatus.SKIPPED
              && approvals.message(job.name()) == null
              && !(now == JobStatus.CANCELLED && job.startedAt() == null);
      if (before == JobStatus.PENDING && ran) {
        out.println(progressLine(job, JobStatus.RUNNING));
        tailers.put(job.name(), tailerFor(state.runId(), job, 1));
      }
      LogTailer tailer = tailers.get(job.name());
      if (tailer != null) {
        showRetries(state.runId(), job);
        tailer = tailers.get(job.name());
        if (now.isFinal()) {
          tailer.finish();
        } else {
          tailer.poll();
        }
      }
      if (now.isFinal()) {
        out.println(progressLine(job, now));
      }
    }
  }

  /**
   * For each try of the job that ended and is retried since the last look: the rest of its log,
   * {@code test FAILED (exit 1), retrying in 2s (try 2 of 3)}, and a tailer of the next try's log.
   */
  private void showRetries(String runId, JobState job) throws IOException {
    int done = retriesShown.getOrDefault(job.name(), 0);
    for (JobTry ended : job.tries()) {
      if (ended.number() <= done || !ended.retried()) {
        continue;
      }
      tailers.get(job.name()).finish();
      out.println(retryLine(job, ended));
      tailers.put(job.name(), tailerFor(runId, job, ended.number() + 1));
      done = ended.number();
    }
    retriesShown.put(job.name(), done);
  }

  private LogTailer tailerFor(String runId, JobState job, int tryNumber) {
    String prefix = String.format("%-" + nameWidth + "s | ", job.name());
    return new LogTailer(source, runId, job.name(), job.attempt(), tryNumber, prefix, out);
  }

  private String retryLine(JobState job, JobTry ended) {
    StringBuilder line = head(job.name(), ended.status());
    if (ended.exitCode() != null) {
      line.append(" (exit ").append(ended.exitCode()).append(')');
    }
    if (ended.error() != null) {
      line.append(": ").append(ended.error());
    }
    return line.append(", retrying in ")
        .append(backoff(ended.retryAt() - ended.finishedAt()))
        .append(" (try ")
        .append(ended.number() + 1)
        .append(" of ")
        .append(job.maxTries())
        .append(')')
        .toString();
  }

  /** A backoff as given in whole seconds ({@code 2s}), else as a duration ({@code 0.50s}). */
  private static String backoff(long millis) {
    return millis % 1000 == 0 ? millis / 1000 + "s" : Durations.format(millis);
  }

  private StringBuilder head(String job, JobStatus status) {
    return new StringBuilder(
        String.format("%s %-" + nameWidth + "s %s", LocalTime.now().format(CLOCK), job, status));
  }

  private String progressLine(JobState job, JobStatus status) {
    StringBuilder line = head(job.name(), status);
    if (!status.isFinal()) {
      return line.toString();
    }
    if (job.exitCode() != null) {
      line.append(" (exit ").append(job.exitCode()).append(')');
    }
    if (job.startedAt() != null && job.finishedAt() != null) {
      line.append(' ').append(Durations.format(job.finishedAt() - job.startedAt()));
    }
    if (job.error() != null) {
      line.append(": ").append(job.error());
    } else if (job.skipReason() != null) {
      line.append(" (").append(job.skipReason()).append(')');
    }
    if (job.tries().size() > 1) {
      line.append(" after ").append(job.tries().size()).append(" tries");
    }
    return line.toString();
  }
}
