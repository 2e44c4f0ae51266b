package dev.fastci.server.repos;

/** One problem of a repository's registration, by its field: {@code clone_url: must be ...}. */
public record FieldError(String path, String message) {
  @Override
  public String toString() {
    return path + ": " + message;
  }
}
