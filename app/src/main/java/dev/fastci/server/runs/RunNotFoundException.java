package dev.fastci.server.runs;

/** No run (or no job of that run) has that name: a 404. */
public class RunNotFoundException extends RuntimeException {
  public RunNotFoundException(String message) {
    super(message);
  }
}
