package dev.fastci.cli;

import dev.fastci.spec.JobSpec;
import dev.fastci.spec.PipelineSpec;
import java.io.Console;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The approval jobs of a run the command line follows: in a terminal it asks {@code approve? [y/N]}
 * and sends the answer; without one (a pipe, CI) it asks nothing, and the run waits for a decision
 * on the run page or through the API.
 */
final class TerminalApprovals implements RunFollower.Approvals {
  private final Map<String, String> messages = new HashMap<>();
  private final BiConsumer<String, Boolean> decide;

  /**
   * @param decide sends a decision: the job, and true to approve
   */
  TerminalApprovals(PipelineSpec spec, BiConsumer<String, Boolean> decide) {
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
      return;
    }
    String answer = console.readLine("approve? [y/N] ");
    boolean approved = answer != null && answer.strip().toLowerCase().matches("y|yes");
    decide.accept(job, approved);
  }
}
