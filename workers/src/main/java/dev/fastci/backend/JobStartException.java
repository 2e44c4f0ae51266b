package dev.fastci.backend;

/** The container could not be created or started, for a reason the user must fix. */
public class JobStartException extends RuntimeException {
  public JobStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
