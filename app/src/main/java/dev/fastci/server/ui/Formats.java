package dev.fastci.server.ui;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fastci.format.Durations;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the UI writes times, durations, statuses and triggers. */
public final class Formats {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private Formats() {}

  public static String time(Instant instant) {
    return instant == null ? "-" : TIME.format(instant);
  }

  /** From start to end, or to now while it runs; "-" before it started. */
  public static String duration(Instant start, Instant end, Instant now) {
    if (start == null) {
      return "-";
    }
    return Durations.format((end == null ? now : end).toEpochMilli() - start.toEpochMilli());
  }

  /** A size for people: {@code 512 B}, {@code 1.5 MiB}. */
  public static String bytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }

  /** The CSS class of a status: its lowercase name. */
  public static String statusClass(Enum<?> status) {
    return status.name().toLowerCase();
  }

  /** "manual", "CLI", "API", or "push main @ 1a2b3c4". */
  public static String trigger(JsonNode trigger) {
    String type = trigger.path("type").asText("api");
    return switch (type) {
      case "push" -> {
        String ref = trigger.path("ref").asText("").replaceFirst("^refs/heads/", "");
        String after = trigger.path("after").asText("");
        yield "push " + ref + (after.length() >= 7 ? " @ " + after.substring(0, 7) : "");
      }
      case "cli", "api" -> type.toUpperCase();
      default -> type;
    };
  }
}
