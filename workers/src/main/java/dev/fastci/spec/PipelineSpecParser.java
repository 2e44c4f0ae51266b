package dev.fastci.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Turns the text of a pipeline spec (JSON or YAML) into a {@link PipelineSpec}, or reports every
 * problem in it. Parsing only builds a tree; {@link SpecValidator} checks the rules.
 *
 * <p>Duplicate keys and content after the document are errors, so a typo or a stray paste cannot
 * silently override a field. Nesting deeper than Jackson's limit (1000) and texts longer than
 * {@link #MAX_SPEC_CHARS} are reported as errors at {@code $}. Thread-safe.
 */
public final class PipelineSpecParser {
  public static final int DEFAULT_MAX_JOBS = 1000;

  /** Longer texts are refused before parsing. */
  public static final int MAX_SPEC_CHARS = 2_000_000;

  private static final PipelineSpecParser DEFAULT = new PipelineSpecParser(DEFAULT_MAX_JOBS);
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final ObjectMapper YAML =
      YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private final SpecValidator validator;

  /**
   * @param maxJobs the most jobs one pipeline may have
   */
  public PipelineSpecParser(int maxJobs) {
    if (maxJobs < 1) {
      throw new IllegalArgumentException("maxJobs must be at least 1, got " + maxJobs);
    }
    this.validator = new SpecValidator(maxJobs);
  }

  /**
   * Parses with the default limits.
   *
   * @throws InvalidSpecException listing every problem found
   */
  public static PipelineSpec parse(String text, SpecFormat format) {
    return DEFAULT.parseSpec(text, format);
  }

  /** Every problem of the spec, with the default limits; empty when it is valid. */
  public static List<SpecError> validate(String text, SpecFormat format) {
    return DEFAULT.validateSpec(text, format);
  }

  /**
   * @throws InvalidSpecException listing every problem found
   */
  public PipelineSpec parseSpec(String text, SpecFormat format) {
    return parseSpec(text, format, RunVariables.none());
  }

  /**
   * Parses the spec of a run: its templates take the run's parameters and git facts.
   *
   * @throws InvalidSpecException listing every problem found, the given parameters' too
   */
  public PipelineSpec parseSpec(String text, SpecFormat format, RunVariables variables) {
    SpecValidator.Result result = check(text, format, variables);
    if (result.spec() == null) {
      throw new InvalidSpecException(result.errors());
    }
    return result.spec();
  }

  /** Every problem of the spec; empty when it is valid. */
  public List<SpecError> validateSpec(String text, SpecFormat format) {
    return check(text, format, RunVariables.none()).errors();
  }

  private SpecValidator.Result check(String text, SpecFormat format, RunVariables variables) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(format, "format");
    if (text.length() > MAX_SPEC_CHARS) {
      return failed(
          "spec is too long: " + text.length() + " characters, at most " + MAX_SPEC_CHARS);
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    ObjectMapper mapper = format.resolve(text) == SpecFormat.JSON ? JSON : YAML;
    JsonNode root;
    try (JsonParser parser = mapper.createParser(text)) {
      root = mapper.readTree(parser);
      if (root != null && parser.nextToken() != null) {
        return failed(
            "more content after the end of the spec" + where(parser.currentTokenLocation()));
      }
    } catch (JsonProcessingException e) {
      return failed(describe(e));
    } catch (IOException | RuntimeException e) { // a YAML library error may come unwrapped
      return failed("cannot read the spec: " + e.getMessage());
    }
    return validator.validate(root, variables);
  }

  private static SpecValidator.Result failed(String message) {
    return new SpecValidator.Result(null, List.of(new SpecError("$", message)));
  }

  /** The parser's message without its source excerpt, plus where the problem is. */
  private static String describe(JsonProcessingException e) {
    if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
      Mark mark = yaml.getProblemMark(); // 0-based
      String context = yaml.getContext() == null ? "" : yaml.getContext() + ": ";
      return context + yaml.getProblem() + where(mark.getLine() + 1, mark.getColumn() + 1);
    }
    return e.getOriginalMessage().strip() + where(e.getLocation());
  }

  private static String where(JsonLocation at) {
    return at == null ? "" : where(at.getLineNr(), at.getColumnNr());
  }

  private static String where(int line, int column) {
    return line > 0 ? " (line " + line + ", column " + column + ")" : "";
  }
}
