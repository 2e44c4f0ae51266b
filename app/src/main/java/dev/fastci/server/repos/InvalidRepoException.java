package dev.fastci.server.repos;

import java.util.List;
import java.util.stream.Collectors;

/** A registration (or change) of a repository with problems: nothing was stored. */
public class InvalidRepoException extends RuntimeException {
  private final List<FieldError> errors;

  public InvalidRepoException(List<FieldError> errors) {
    super(errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
    this.errors = List.copyOf(errors);
  }

  public List<FieldError> errors() {
    return errors;
  }
}
