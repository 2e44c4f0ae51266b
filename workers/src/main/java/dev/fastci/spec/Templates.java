package dev.fastci.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code {{ namespace.NAME }}} placeholders of a spec: {@code matrix.KEY}, {@code params.NAME},
 * {@code git.branch}, {@code git.commit}, {@code git.base_branch} and {@code pipeline.name}. Only
 * placeholders of these namespaces are FastCI's; any other text in double braces (a Go template in
 * a {@code docker inspect -f} command, say) is left as it is.
 */
final class Templates {
  static final Pattern PLACEHOLDER =
      Pattern.compile("\\{\\{\\s*(matrix|params|git|pipeline)\\.([A-Za-z_][A-Za-z0-9_]*)\\s*}}");

  /** One placeholder: {@code namespace.key}. */
  record Ref(String namespace, String key) {
    String name() {
      return namespace + "." + key;
    }
  }

  private Templates() {}

  /** The placeholders the text holds, in order of appearance. */
  static List<Ref> references(String text) {
    List<Ref> refs = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      refs.add(new Ref(m.group(1), m.group(2)));
    }
    return refs;
  }

  /**
   * The text with every placeholder whose {@code namespace.key} has a value replaced by it; the
   * others stay as they are.
   */
  static String render(String text, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1) + "." + m.group(2));
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
