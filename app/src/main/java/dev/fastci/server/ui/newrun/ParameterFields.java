package dev.fastci.server.ui.newrun;

import dev.fastci.spec.InvalidSpecException;
import dev.fastci.spec.ParameterSpec;
import dev.fastci.spec.PipelineSpecParser;
import dev.fastci.spec.SpecFormat;
import java.util.List;
import java.util.Map;

/**
 * A field of the New run page for each parameter of the spec: a select for one with choices.
 *
 * @param value what the field shows: the value typed before, else the default
 */
record ParameterFields(String name, String description, List<String> choices, String value) {

  /** The fields of a spec's parameters; none while the spec is not valid. */
  static List<ParameterFields> of(String spec, Map<String, String> typed) {
    try {
      return PipelineSpecParser.parse(spec, SpecFormat.AUTO).parameters().stream()
          .map(p -> field(p, typed.get(p.name())))
          .toList();
    } catch (InvalidSpecException notYet) {
      return List.of(); // the page lists the spec's problems instead
    }
  }

  private static ParameterFields field(ParameterSpec parameter, String typed) {
    return new ParameterFields(
        parameter.name(),
        parameter.description(),
        parameter.choices(),
        typed != null ? typed : parameter.defaultValue() == null ? "" : parameter.defaultValue());
  }
}
