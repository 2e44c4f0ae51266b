package dev.fastci.spec;

import java.util.regex.Pattern;

/**
 * A path pattern as branch filters and path conditions use it: {@code *} matches within one path
 * segment, {@code **} across segments, {@code ?} one character of a segment.
 */
public final class Glob {
  private Glob() {}

  public static boolean matches(String pattern, String path) {
    return compile(pattern).matcher(path).matches();
  }

  static Pattern compile(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '*' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
        regex.append(".*");
        i++;
      } else if (c == '*') {
        regex.append("[^/]*");
      } else if (c == '?') {
        regex.append("[^/]");
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString());
  }
}
