package dev.fastci.server.badges;

import java.util.Locale;

/** A flat two-part SVG badge: the pipeline's name, then its state in the state's colour. */
public record Badge(State state) {
  /** What a badge says, and its colour. */
  enum State {
    PASSING("#4c1"),
    FAILING("#e05d44"),
    RUNNING("#dfb317"),
    UNKNOWN("#9f9f9f");

    final String colour;

    State(String colour) {
      this.colour = colour;
    }

    String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  static Badge of(State state) {
    return new Badge(state);
  }

  /** The badge, labelled with the pipeline's name. */
  String svg(String label) {
    return svg(label, state.word(), state.colour);
  }

  /** A flat badge: the label on grey, the word on its colour (a CSS colour). */
  public static String svg(String label, String word, String colour) {
    int left = width(label);
    int right = width(word);
    int total = left + right;
    String name = escape(label);
    String said = escape(word);
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\""
        + total
        + "\" height=\"20\" role=\"img\" aria-label=\""
        + name
        + ": "
        + said
        + "\"><title>"
        + name
        + ": "
        + said
        + "</title><rect width=\""
        + left
        + "\" height=\"20\" fill=\"#555\"/><rect x=\""
        + left
        + "\" width=\""
        + right
        + "\" height=\"20\" fill=\""
        + escape(colour)
        + "\"/><g fill=\"#fff\" text-anchor=\"middle\""
        + " font-family=\"Verdana,Geneva,DejaVu Sans,sans-serif\" font-size=\"11\">"
        + "<text x=\""
        + left / 2
        + "\" y=\"14\">"
        + name
        + "</text><text x=\""
        + (left + right / 2)
        + "\" y=\"14\">"
        + said
        + "</text></g></svg>";
  }

  /** About 7 pixels a character at 11px Verdana, and 10 of padding. */
  private static int width(String text) {
    return text.length() * 7 + 10;
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&apos;");
  }
}
