package dev.fastci.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Refuses NUL characters ({@code \u0000}) in any string or key of a spec. They cannot reach a
 * container intact (argv, environment and paths are C strings: the text would be cut there or the
 * Docker call would fail), and none of the fields has a use for them.
 */
final class NulCharacters {
  static final String MESSAGE = "must not contain a NUL character (\\u0000)";

  private NulCharacters() {}

  /** Adds an error for every string or key below {@code value} that holds a NUL. */
  static void check(JsonNode value, String path, SpecErrors errors) {
    record At(JsonNode node, String path) {}
    Deque<At> todo = new ArrayDeque<>(); // no recursion: YAML nesting is not bounded by Jackson
    todo.push(new At(value, path));
    while (!todo.isEmpty()) {
      At at = todo.pop();
      JsonNode node = at.node();
      if (node.isTextual()) {
        if (node.textValue().indexOf('\0') >= 0) {
          errors.add(at.path(), MESSAGE);
        }
      } else if (node.isArray()) {
        for (int i = node.size() - 1; i >= 0; i--) {
          todo.push(new At(node.get(i), SpecErrors.index(at.path(), i)));
        }
      } else if (node.isObject()) {
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
        node.properties().forEach(fields::add);
        for (int i = fields.size() - 1; i >= 0; i--) {
          Map.Entry<String, JsonNode> field = fields.get(i);
          String fieldPath = SpecErrors.key(at.path(), field.getKey());
          if (field.getKey().indexOf('\0') >= 0) {
            errors.add(fieldPath, MESSAGE);
          }
          todo.push(new At(field.getValue(), fieldPath));
        }
      }
    }
  }
}
