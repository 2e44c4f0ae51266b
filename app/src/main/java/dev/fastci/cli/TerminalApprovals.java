package dev.fastci.cli;

import dev.fastci.spec.JobSpec;
import dev.fastci.spec.PipelineSpec;
import java.io.Console;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The approval jobs of a run the command line follows: in a terminal it asks {@code approve? [y/N]}
 * and sends the answer. Without one (a pipe, CI), a run on a server waits for a decision on the run
 * page or through the API; a run here, which nobody else can reach, is rejected at once rather than
 * left waiting for its timeout.
 */
final class TerminalApprovals implements RunFollower.Approvals {
  private final Map<String, String> messages = new HashMap<>();
  private final BiConsumer<String, Boolean> decide;
  private final boolean onlyHere;
  private final PrintStream out;

  /**
   * @param onlyHere the run is on this machine's engine: nobody else can decide
   * @param decide sends a decision: the job, and true to approve
   */
  TerminalApprovals(
      PipelineSpec spec, boolean onlyHere, PrintStream out, BiConsumer<String, Boolean> decide) {
    this.onlyHere = onlyHere;
    this.out = out;
    for (JobSpec job : spec.jobs()) {
      if (job.hasApproval()) {
        messages.put(job.name(), job.approval().message());
      }
    }
    this.decide = decide;
  }

  @Override
  public String message(String job) {
    return messages.get(job);
  }

  @Override
  public void ask(String job) {
    Console console = System.console();
    if (console == null) {
      if (onlyHere) {
        out.println("fastci: no terminal to ask for approval: " + job + " is rejected");
        decide.accept(job, false);
      }
      return;
    }
    String answer = console.readLine("approve? [y/N] ");
    boolean approved = answer != null && answer.strip().toLowerCase().matches("y|yes");
    decide.accept(job, approved);
  }
}
