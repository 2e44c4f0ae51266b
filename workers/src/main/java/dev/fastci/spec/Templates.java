package dev.fastci.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code {{ namespace.NAME }}} placeholders of a spec. Only placeholders of a known namespace
 * ({@code matrix}) are FastCI's; any other text in double braces (a Go template in a {@code docker
 * inspect -f} command, say) is left as it is.
 */
final class Templates {
  static final Pattern PLACEHOLDER =
      Pattern.compile("\\{\\{\\s*(matrix)\\.([A-Za-z_][A-Za-z0-9_]*)\\s*}}");

  private Templates() {}

  /** The {@code matrix} keys the text refers to, in order of appearance. */
  static List<String> matrixKeys(String text) {
    List<String> keys = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      keys.add(m.group(2));
    }
    return keys;
  }

  /** The text with every {@code {{ matrix.KEY }}} replaced by the combination's value. */
  static String render(String text, Map<String, String> matrix) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = matrix.get(m.group(2));
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
