package dev.fastci.spec;

import java.util.List;
import java.util.stream.Collectors;

/** A spec broke one or more rules; nothing was started. Carries every problem found. */
public class InvalidSpecException extends RuntimeException {
  private final List<SpecError> errors;

  public InvalidSpecException(List<SpecError> errors) {
    super(errors.stream().map(SpecError::toString).collect(Collectors.joining("; ")));
    this.errors = List.copyOf(errors);
  }

  public List<SpecError> errors() {
    return errors;
  }
}
