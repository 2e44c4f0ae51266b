package dev.fastci.server.ui.logs;

/**
 * Renders one log line as HTML: text is escaped, ANSI colours and styles (SGR sequences) become
 * {@code <span class="ansi-...">}, and other escape sequences are dropped. Like a terminal, a
 * carriage return starts the line over, so only the text after the last one is kept; a trailing one
 * is ignored.
 */
public final class AnsiHtml {

  private static final char ESC = '\u001b';
  private static final char BEL = '\u0007';

  private AnsiHtml() {}

  public static String render(String line) {
    if (line == null) {
      return "";
    }
    int end = line.length();
    while (end > 0 && line.charAt(end - 1) == '\r') {
      end--;
    }
    return new Renderer(line.substring(0, end)).render();
  }

  /** Walks one line, keeping the current style and the span that is open in the output. */
  private static final class Renderer {
    private final String line;
    private final AnsiStyle style = new AnsiStyle();
    private StringBuilder out = new StringBuilder();
    private String openClasses = "";
    private int pos;

    Renderer(String line) {
      this.line = line;
    }

    String render() {
      while (pos < line.length()) {
        char c = line.charAt(pos++);
        if (c == ESC) {
          escape();
        } else if (c == '\r') {
          out = new StringBuilder();
          openClasses = "";
        } else if (c >= ' ' || c == '\t' || c == '\n') {
          text(c);
        }
      }
      closeSpan();
      return out.toString();
    }

    private void text(char c) {
      String classes = style.classes();
      if (!classes.equals(openClasses)) {
        closeSpan();
        if (!classes.isEmpty()) {
          out.append("<span class=\"").append(classes).append("\">");
        }
        openClasses = classes;
      }
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }

    private void closeSpan() {
      if (!openClasses.isEmpty()) {
        out.append("</span>");
        openClasses = "";
      }
    }

    /** Consumes the sequence after an ESC, applying it if it is SGR. */
    private void escape() {
      if (pos >= line.length()) {
        return;
      }
      char kind = line.charAt(pos++);
      switch (kind) {
        case '[' -> controlSequence();
        case ']', 'P', 'X', '^', '_' -> skipString();
        default -> {
          // nF escapes such as ESC ( B: intermediate bytes, then one final byte
          if (kind >= 0x20 && kind <= 0x2f) {
            while (pos < line.length() && line.charAt(pos) >= 0x20 && line.charAt(pos) <= 0x2f) {
              pos++;
            }
            pos = Math.min(pos + 1, line.length());
          }
        }
      }
    }

    /** CSI: parameter bytes, intermediate bytes, one final byte. Unterminated ones are dropped. */
    private void controlSequence() {
      int start = pos;
      while (pos < line.length() && line.charAt(pos) >= 0x20 && line.charAt(pos) <= 0x3f) {
        pos++;
      }
      if (pos >= line.length()) {
        return;
      }
      char last = line.charAt(pos);
      if (last < 0x40 || last > 0x7e) {
        return; // malformed: drop the introducer and carry on from this character
      }
      pos++;
      String params = line.substring(start, pos - 1);
      if (last == 'm' && params.matches("[0-9;:]*")) {
        style.apply(params);
      }
    }

    /** OSC, DCS and friends: up to BEL or ESC \ (string terminator), or the end of the line. */
    private void skipString() {
      while (pos < line.length()) {
        char c = line.charAt(pos++);
        if (c == BEL) {
          return;
        }
        if (c == ESC && pos < line.length() && line.charAt(pos) == '\\') {
          pos++;
          return;
        }
      }
    }
  }
}
