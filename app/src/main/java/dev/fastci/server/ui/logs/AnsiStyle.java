package dev.fastci.server.ui.logs;

/** The text attributes set by SGR sequences, as CSS classes. */
final class AnsiStyle {
  private static final int NONE = -1;

  private boolean bold;
  private boolean dim;
  private boolean italic;
  private boolean underline;
  private int foreground = NONE;
  private int background = NONE;
  private String classes = "";

  /** Applies the parameters of an SGR sequence, such as {@code "1;31"}; empty means reset. */
  void apply(String params) {
    String[] codes = params.split(";", -1);
    for (int i = 0; i < codes.length; i++) {
      String code = codes[i];
      if (code.contains(":")) {
        subParameters(code.split(":", -1));
        continue;
      }
      int n = number(code);
      if (n == 38 || n == 48) {
        i += extendedColour(codes, i);
      } else {
        basic(n);
      }
    }
    classes = computeClasses();
  }

  /** Colon-separated forms: {@code 38:5:N}, {@code 4:0} (no underline), {@code 4:3} (curly). */
  private void subParameters(String[] parts) {
    int n = number(parts[0]);
    if (n == 38 || n == 48) {
      extendedColour(parts, 0);
    } else if (n == 4 && number(parts[1]) == 0) {
      underline = false;
    } else {
      basic(n);
    }
  }

  private void basic(int n) {
    switch (n) {
      case 0 -> reset();
      case 1 -> bold = true;
      case 2 -> dim = true;
      case 3 -> italic = true;
      case 4 -> underline = true;
      case 22 -> {
        bold = false;
        dim = false;
      }
      case 23 -> italic = false;
      case 24 -> underline = false;
      case 39 -> foreground = NONE;
      case 49 -> background = NONE;
      default -> {
        if (n >= 30 && n <= 37) {
          foreground = n - 30;
        } else if (n >= 90 && n <= 97) {
          foreground = n - 90 + 8;
        } else if (n >= 40 && n <= 47) {
          background = n - 40;
        } else if (n >= 100 && n <= 107) {
          background = n - 100 + 8;
        }
      }
    }
  }

  /**
   * Handles {@code 38;5;N} / {@code 48;5;N} (palette) and {@code 38;2;R;G;B} (true colour) starting
   * at {@code codes[at]}. Palette colours 0-15 map to the basic classes; others are ignored.
   *
   * @return how many codes after {@code codes[at]} were used
   */
  private int extendedColour(String[] codes, int at) {
    int target = number(codes[at]);
    int mode = at + 1 < codes.length ? number(codes[at + 1]) : NONE;
    if (mode == 5) {
      int colour = at + 2 < codes.length ? number(codes[at + 2]) : NONE;
      if (colour >= 0 && colour <= 15) {
        if (target == 38) {
          foreground = colour;
        } else if (target == 48) {
          background = colour;
        }
      }
      return Math.min(2, codes.length - 1 - at);
    }
    if (mode == 2) {
      return Math.min(4, codes.length - 1 - at);
    }
    return Math.min(1, codes.length - 1 - at);
  }

  private void reset() {
    bold = false;
    dim = false;
    italic = false;
    underline = false;
    foreground = NONE;
    background = NONE;
  }

  /** The CSS classes, space-separated; empty for plain text. */
  String classes() {
    return classes;
  }

  private String computeClasses() {
    StringBuilder classes = new StringBuilder();
    add(classes, bold, "ansi-bold");
    add(classes, dim, "ansi-dim");
    add(classes, italic, "ansi-italic");
    add(classes, underline, "ansi-underline");
    add(classes, foreground != NONE, "ansi-fg-" + foreground);
    add(classes, background != NONE, "ansi-bg-" + background);
    return classes.toString();
  }

  private static void add(StringBuilder classes, boolean on, String name) {
    if (on) {
      classes.append(classes.isEmpty() ? "" : " ").append(name);
    }
  }

  /** An empty code means 0; one too long to be a code is ignored. */
  private static int number(String code) {
    if (code.isEmpty()) {
      return 0;
    }
    if (code.length() > 6) {
      return NONE;
    }
    return Integer.parseInt(code);
  }
}
