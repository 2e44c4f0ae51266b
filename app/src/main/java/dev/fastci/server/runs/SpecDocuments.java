package dev.fastci.server.runs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.fastci.spec.PipelineSpec;
import dev.fastci.spec.PipelineSpecParser;
import dev.fastci.spec.RunVariables;
import dev.fastci.spec.SpecFormat;
import java.io.UncheckedIOException;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Validates submitted specs and keeps them as JSON, the form the store and the API show. */
@Component
public class SpecDocuments {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private final PipelineSpecParser parser;

  public SpecDocuments(PipelineSpecParser parser) {
    this.parser = parser;
  }

  /** A valid spec, or an InvalidSpecException with every problem. */
  public PipelineSpec parse(String text, SpecFormat format) {
    return parser.parseSpec(text, format);
  }

  /** The submitted document as JSON (YAML converted); call only on a valid spec. */
  public String toJson(String text, SpecFormat format) {
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1); // a byte order mark, which the parser skips too
    }
    try {
      JsonNode tree = (format.resolve(text) == SpecFormat.YAML ? YAML : JSON).readTree(text);
      return JSON.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A stored spec, valid when it was stored. */
  public PipelineSpec stored(String json) {
    return parser.parseSpec(json, SpecFormat.JSON);
  }

  /** A stored run's spec, its templates filled with the run's parameters and branch. */
  PipelineSpec stored(RunRow run) {
    return parser.parseSpec(
        run.specJson(),
        SpecFormat.JSON,
        new RunVariables(params(run.paramsJson()), run.branch(), null, null, false));
  }

  /** A valid spec of a new run, its templates filled with the run's variables. */
  public PipelineSpec parse(String text, SpecFormat format, RunVariables variables) {
    return parser.parseSpec(text, format, variables);
  }

  /** The value of each of a stored run's parameters. */
  Map<String, String> params(RunRow run) {
    return params(run.paramsJson());
  }

  private static Map<String, String> params(String paramsJson) {
    if (paramsJson == null) {
      return Map.of();
    }
    try {
      return JSON.readValue(paramsJson, new TypeReference<Map<String, String>>() {});
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
