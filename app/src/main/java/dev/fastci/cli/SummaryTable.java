package dev.fastci.cli;

import dev.fastci.contract.JobState;
import dev.fastci.contract.PipelineState;
import dev.fastci.format.Durations;
import java.io.PrintStream;

/**
 * The table printed when a run ends: each job's status, exit code and duration, and "cached" after
 * a memoized job that did not run.
 */
final class SummaryTable {
  private final PrintStream out;

  SummaryTable(PrintStream out) {
    this.out = out;
  }

  void print(PipelineState run) {
    int width = Math.max(3, run.jobs().stream().mapToInt(j -> j.name().length()).max().orElse(3));
    String row = "%-" + width + "s  %-9s  %4s  %8s%s%n";
    out.println();
    out.printf(row, "JOB", "STATUS", "EXIT", "DURATION", "");
    for (JobState job : run.jobs()) {
      out.printf(
          row,
          job.name(),
          job.status(),
          job.exitCode() == null ? "-" : job.exitCode(),
          duration(job.startedAt(), job.finishedAt()),
          job.cached() ? "  cached" : "");
    }
    out.println();
    if (run.error() != null) {
      out.println("error: " + run.error());
    }
    out.printf(
        "pipeline %s %s in %s%n",
        run.name(), run.status(), duration(run.startedAt(), run.finishedAt()));
  }

  private static String duration(Long startedAt, Long finishedAt) {
    return startedAt == null || finishedAt == null ? "-" : Durations.format(finishedAt - startedAt);
  }
}
