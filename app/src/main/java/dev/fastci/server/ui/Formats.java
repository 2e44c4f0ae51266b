package dev.fastci.server.ui;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fastci.format.Durations;
import dev.fastci.util.Sizes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

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
    return Sizes.human(bytes);
  }

  /** The CSS class of a status: its lowercase name. */
  public static String statusClass(Enum<?> status) {
    return status.name().toLowerCase();
  }

  /** "manual", "CLI", "API", "push main @ 1a2b3c4", or "schedule 0 3 * * *". */
  public static String trigger(JsonNode trigger) {
    String type = trigger.path("type").asText("api");
    return switch (type) {
      case "push" -> {
        String ref = trigger.path("ref").asText("").replaceFirst("^refs/heads/", "");
        String after = trigger.path("after").asText("");
        yield "push " + ref + (after.length() >= 7 ? " @ " + after.substring(0, 7) : "");
      }
      case "schedule" ->
          "schedule "
              + trigger.path("cron").asText("")
              + (trigger.path("now").asBoolean(false) ? " (run now)" : "");
      case "cli", "api" -> type.toUpperCase();
      default -> type;
    };
  }
}
