package dev.fastci.backend;

/**
 * The container engine a worker needs does not answer: nothing can run until it does. Its message
 * is one line that names where the engine was looked for and what to do.
 */
public final class EngineUnavailableException extends RuntimeException {
  public EngineUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
