package dev.fastci.cli;

/** Human durations: 0.42s, 12.3s, 4m05s. */
final class Durations {
  private Durations() {}

  static String format(long millis) {
    if (millis < 10_000) {
      return String.format("%.2fs", millis / 1000.0);
    }
    if (millis < 60_000) {
      return String.format("%.1fs", millis / 1000.0);
    }
    long seconds = millis / 1000;
    return String.format("%dm%02ds", seconds / 60, seconds % 60);
  }
}
