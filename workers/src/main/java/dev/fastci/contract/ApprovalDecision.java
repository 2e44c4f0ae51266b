package dev.fastci.contract;

/**
 * A person's answer to a WAITING approval job ({@link PipelineWorkflow#decide}).
 *
 * @param job the approval job
 * @param approved true to let the run go on, false to fail the job
 * @param by who decided, as the server knows them
 * @param comment why, or null
 */
public record ApprovalDecision(String job, boolean approved, String by, String comment) {

  /** How the run's events tell it: {@code deploy approved by alice: looks good}. */
  public String describe() {
    return job
        + (approved ? " approved" : " rejected")
        + " by "
        + by
        + (comment == null || comment.isBlank() ? "" : ": " + comment.strip());
  }
}
