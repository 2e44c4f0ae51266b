package dev.fastci.spec;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory sizes in Docker's notation: a number with an optional unit {@code b}, {@code k}, {@code m}
 * or {@code g} (powers of 1024, case-insensitive), e.g. {@code 64m}, {@code 1.5g}, {@code 512}.
 */
public final class MemorySize {
  /** Docker refuses smaller memory limits. */
  public static final long DOCKER_MINIMUM = 6L * 1024 * 1024;

  private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([bkmg]?)");
  private static final long MAX = 1L << 50; // a petabyte: larger is surely a typo

  private MemorySize() {}

  /**
   * The size in bytes.
   *
   * @throws IllegalArgumentException when the text is not a size in Docker's notation
   */
  public static long parse(String text) {
    Matcher m = text == null ? null : SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (m == null || !m.matches()) {
      throw new IllegalArgumentException(
          "must be a size like \"512m\" or \"2g\": a number with an optional unit b, k, m or g");
    }
    long unit =
        switch (m.group(2)) {
          case "k" -> 1024L;
          case "m" -> 1024L * 1024;
          case "g" -> 1024L * 1024 * 1024;
          default -> 1L;
        };
    BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit));
    if (bytes.compareTo(BigDecimal.valueOf(MAX)) > 0) {
      throw new IllegalArgumentException("is too large");
    }
    return bytes.longValue();
  }
}
