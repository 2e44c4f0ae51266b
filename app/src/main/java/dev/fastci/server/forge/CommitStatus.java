package dev.fastci.server.forge;

/**
 * One pipeline's status on one commit, in FastCI's words; each forge says it in its own.
 *
 * @param context {@code fastci/<pipeline name>}
 * @param targetUrl the run's page
 */
public record CommitStatus(
    String sha, String context, State state, String description, String targetUrl) {

  /** How far the run is. */
  public enum State {
    PENDING,
    /** Waiting for a user's approval (a pull request from a fork). */
    WAITING,
    RUNNING,
    SUCCESS,
    FAILURE,
    CANCELLED;

    public boolean isFinal() {
      return this == SUCCESS || this == FAILURE || this == CANCELLED;
    }
  }
}
