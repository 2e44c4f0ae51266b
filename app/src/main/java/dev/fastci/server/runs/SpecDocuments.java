package dev.fastci.server.runs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.fastci.spec.PipelineSpec;
import dev.fastci.spec.PipelineSpecParser;
import dev.fastci.spec.SpecFormat;
import java.io.UncheckedIOException;
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

  public JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
