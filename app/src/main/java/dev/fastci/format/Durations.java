package dev.fastci.format;

import java.util.Locale;

/** Human durations: 0.42s, 12.3s, 4m05s, 1h02m; the same in every locale. */
public final class Durations {
  private Durations() {}

  /** Rounded before the unit is chosen, so 9,996 ms is "10.0s", not "10.00s". */
  public static String format(long millis) {
    long centis = Math.round(millis / 10.0);
    if (centis < 1000) {
      return String.format(Locale.ROOT, "%d.%02ds", centis / 100, centis % 100);
    }
    long decis = Math.round(millis / 100.0);
    if (decis < 600) {
      return String.format(Locale.ROOT, "%d.%ds", decis / 10, decis % 10);
    }
    long seconds = Math.round(millis / 1000.0);
    if (seconds < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
  }
}
