package dev.fastci.spec;

/**
 * One problem in a pipeline spec.
 *
 * @param path where it is, e.g. {@code jobs[1].timeout_secs}, {@code parents.b}, or {@code $} for
 *     the whole document
 */
public record SpecError(String path, String message) {

  @Override
  public String toString() {
    return path + ": " + message;
  }
}
