package dev.fastci.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The templated fields of a job ({@code image}, {@code command}, {@code env} values, {@code
 * platform} and the {@code approval} message): which placeholders they may hold, and a copy of the
 * job with their values filled in.
 */
final class JobTemplates {
  static final List<String> TEMPLATED = List.of("image", "command", "env", "platform", "approval");
  private static final Set<String> GIT = Set.of("branch", "commit", "base_branch");

  /**
   * What a placeholder may refer to.
   *
   * @param matrix the job's matrix keys, or null when the job has no matrix (nor may it: a pipeline
   *     field)
   * @param params the pipeline's parameters
   */
  record Known(Set<String> matrix, Set<String> params) {}

  private JobTemplates() {}

  /** A copy of the job with the values in its templated fields, by {@code namespace.key}. */
  static ObjectNode render(JsonNode job, Map<String, String> values) {
    ObjectNode copy = job.deepCopy();
    for (String field : TEMPLATED) {
      JsonNode value = copy.get(field);
      if (value != null) {
        copy.set(field, renderValue(value, values));
      }
    }
    return copy;
  }

  private static JsonNode renderValue(JsonNode value, Map<String, String> values) {
    if (value.isTextual()) {
      return TextNode.valueOf(Templates.render(value.textValue(), values));
    }
    if (value.isArray()) {
      ArrayNode out = ((ArrayNode) value).arrayNode();
      value.forEach(item -> out.add(renderValue(item, values)));
      return out;
    }
    if (value.isObject()) {
      ObjectNode out = ((ObjectNode) value).objectNode();
      value.properties().forEach(e -> out.set(e.getKey(), renderValue(e.getValue(), values)));
      return out;
    }
    return value;
  }

  /** Reports every placeholder of a templated field that refers to nothing. */
  static void checkJob(JsonNode job, String path, Known known, SpecErrors errors) {
    for (String field : TEMPLATED) {
      JsonNode value = job.get(field);
      if (value != null) {
        check(value, SpecErrors.key(path, field), known, errors);
      }
    }
  }

  /** Reports every placeholder of the value (and what it holds) that refers to nothing. */
  static void check(JsonNode value, String at, Known known, SpecErrors errors) {
    if (value.isTextual()) {
      for (Templates.Ref ref : Templates.references(value.textValue())) {
        String problem = problem(ref, known);
        if (problem != null) {
          errors.add(at, "{{ " + ref.name() + " }} " + problem);
        }
      }
    } else if (value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        check(value.get(i), SpecErrors.index(at, i), known, errors);
      }
    } else if (value.isObject()) {
      value
          .properties()
          .forEach(e -> check(e.getValue(), SpecErrors.key(at, e.getKey()), known, errors));
    }
  }

  private static String problem(Templates.Ref ref, Known known) {
    return switch (ref.namespace()) {
      case "matrix" ->
          known.matrix() != null && known.matrix().contains(ref.key())
              ? null
              : "is not a matrix key" + (known.matrix() == null ? " (the job has no matrix)" : "");
      case "params" ->
          known.params().contains(ref.key()) ? null : "is not a parameter of the pipeline";
      case "git" ->
          GIT.contains(ref.key()) ? null : "is not a git variable: branch, commit, base_branch";
      case "pipeline" -> ref.key().equals("name") ? null : "is not a pipeline variable: name";
      default -> throw new AssertionError(ref.namespace());
    };
  }
}
