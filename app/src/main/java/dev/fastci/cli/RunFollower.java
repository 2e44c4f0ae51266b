package dev.fastci.cli;

import dev.fastci.contract.JobState;
import dev.fastci.contract.JobStatus;
import dev.fastci.contract.PipelineState;
import dev.fastci.format.Durations;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

/**
 * Prints a run as it happens: a progress line per job state change and each job's log lines
 * prefixed with its name. It reads the workflow's query and the log files; it never slows the run.
 */
final class RunFollower {
  private static final Duration REFRESH = Duration.ofMillis(100);
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final RunSource source;
  private final PrintStream out;
  private final Map<String, JobStatus> shown = new HashMap<>();
  private final Map<String, LogTailer> tailers = new HashMap<>();
  private final Approvals approvals;
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
   * its new log lines, then its final line.
   */
  private void show(PipelineState state) throws IOException {
    if (nameWidth == 0) {
      nameWidth = state.jobs().stream().mapToInt(j -> j.name().length()).max().orElse(4);
    }
    for (JobState job : state.jobs()) {
      JobStatus before = shown.getOrDefault(job.name(), JobStatus.PENDING);
      JobStatus now = job.status();
      if (now == before || now == JobStatus.PENDING) {
        if (now == JobStatus.RUNNING) {
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
        tailers.put(job.name(), tailerFor(state.runId(), job));
      }
      LogTailer tailer = tailers.get(job.name());
      if (tailer != null) {
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

  private LogTailer tailerFor(String runId, JobState job) {
    String prefix = String.format("%-" + nameWidth + "s | ", job.name());
    return new LogTailer(source, runId, job.name(), job.attempt(), prefix, out);
  }

  private String progressLine(JobState job, JobStatus status) {
    StringBuilder line =
        new StringBuilder(
            String.format(
                "%s %-" + nameWidth + "s %s", LocalTime.now().format(CLOCK), job.name(), status));
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
    return line.toString();
  }
}
