package dev.fastci.cli;

import dev.fastci.logs.LogFiles;
import dev.fastci.workflow.JobState;
import dev.fastci.workflow.JobStatus;
import dev.fastci.workflow.PipelineState;
import dev.fastci.workflow.PipelineWorkflow;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Prints a run as it happens: a progress line per job state change and each job's log lines
 * prefixed with its name. It reads the workflow's query and the log files; it never slows the run.
 */
final class RunFollower {
  private static final long REFRESH_MILLIS = 100;
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final PipelineWorkflow workflow;
  private final LogFiles logs;
  private final PrintStream out;
  private final Map<String, JobStatus> shown = new HashMap<>();
  private final Map<String, LogTailer> tailers = new HashMap<>();
  private int nameWidth;

  RunFollower(PipelineWorkflow workflow, Path dataDir, PrintStream out) {
    this.workflow = workflow;
    this.logs = new LogFiles(dataDir.toAbsolutePath());
    this.out = out;
  }

  PipelineState follow(CompletableFuture<PipelineState> result) {
    while (true) {
      try {
        PipelineState end = result.get(REFRESH_MILLIS, TimeUnit.MILLISECONDS);
        show(end);
        return end;
      } catch (TimeoutException stillRunning) {
        PipelineState now = workflow.state();
        if (now != null) {
          show(now);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while following the run", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("the run failed: " + e.getCause().getMessage(), e);
      }
    }
  }

  private void show(PipelineState state) {
    if (nameWidth == 0) {
      nameWidth = state.jobs().stream().mapToInt(j -> j.name().length()).max().orElse(4);
    }
    for (JobState job : state.jobs()) {
      LogTailer tailer = tailers.get(job.name());
      if (tailer == null
          && job.status() != JobStatus.PENDING
          && job.status() != JobStatus.SKIPPED) {
        tailer = tailerFor(state.runId(), job);
      }
      try {
        if (tailer != null) {
          if (job.status().isFinal()) {
            tailer.finish();
          } else {
            tailer.poll();
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the log of " + job.name(), e);
      }
      if (shown.put(job.name(), job.status()) != job.status()
          && job.status() != JobStatus.PENDING) {
        out.println(progressLine(job));
      }
    }
  }

  private LogTailer tailerFor(String runId, JobState job) {
    String prefix = String.format("%-" + nameWidth + "s | ", job.name());
    LogTailer tailer = new LogTailer(logs.jobLog(runId, job.name(), job.attempt()), prefix, out);
    tailers.put(job.name(), tailer);
    return tailer;
  }

  private String progressLine(JobState job) {
    StringBuilder line =
        new StringBuilder(
            String.format(
                "%s %-" + nameWidth + "s %s",
                LocalTime.now().format(CLOCK),
                job.name(),
                job.status()));
    if (job.exitCode() != null) {
      line.append(" (exit ").append(job.exitCode()).append(')');
    }
    if (job.status().isFinal() && job.startedAt() != null && job.finishedAt() != null) {
      line.append(' ').append(Durations.format(job.finishedAt() - job.startedAt()));
    }
    if (job.error() != null) {
      line.append(": ").append(job.error());
    }
    return line.toString();
  }
}
