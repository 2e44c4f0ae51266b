package dev.fastci.spec;

import java.util.List;

/**
 * A parameter of the pipeline, given when a run starts: env {@code NAME} in every job and {@code {{
 * params.NAME }}} in the templated fields.
 *
 * @param defaultValue the value when none is given, or null: then one must be given
 * @param choices the only values allowed, or empty for any
 */
public record ParameterSpec(
    String name, String defaultValue, List<String> choices, String description) {
  public ParameterSpec {
    choices = choices == null ? List.of() : List.copyOf(choices);
  }
}
