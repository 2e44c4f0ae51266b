package dev.fastci.server.runs;

/** The run is not in a state that allows the call (cancel a finished run, retry a running one). */
public class RunConflictException extends RuntimeException {
  public RunConflictException(String message) {
    super(message);
  }
}
