package dev.fastci.spec;

/**
 * A job's {@code approval}: the job runs no container; once its parents have succeeded it waits for
 * a person to approve or reject it.
 *
 * @param message what the person reads, with {@code {{ params.NAME }}} filled in
 * @param timeoutSecs how long the job waits before it ends as rejected
 */
public record ApprovalSpec(String message, double timeoutSecs) {
  public static final double DEFAULT_TIMEOUT_SECS = 24 * 3600;
}
