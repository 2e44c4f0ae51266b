package dev.fastci.server.audit;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * A filter on the audit log; null fields match everything.
 *
 * @param since entries at or after this instant
 * @param runId entries about this run
 */
public record AuditQuery(String user, String action, Instant since, String runId) {
  public static final AuditQuery ALL = new AuditQuery(null, null, null, null);

  public AuditQuery {
    user = blankToNull(user);
    action = blankToNull(action);
    runId = blankToNull(runId);
  }

  /**
   * The {@code since} parameter: an ISO-8601 instant ({@code 2024-05-01T00:00:00Z}), a date ({@code
   * 2024-05-01}, UTC) or an age ({@code 30m}, {@code 24h}, {@code 7d}).
   *
   * @throws IllegalArgumentException naming {@code since} when it is none of these
   */
  public static Instant since(String text, Instant now) {
    String value = blankToNull(text);
    if (value == null) {
      return null;
    }
    try {
      if (value.matches("\\d+[smhd]")) {
        long amount = Long.parseLong(value.substring(0, value.length() - 1));
        Duration age =
            switch (value.toLowerCase(Locale.ROOT).charAt(value.length() - 1)) {
              case 's' -> Duration.ofSeconds(amount);
              case 'm' -> Duration.ofMinutes(amount);
              case 'h' -> Duration.ofHours(amount);
              default -> Duration.ofDays(amount);
            };
        return now.minus(age);
      }
      if (value.matches("\\d{4}-\\d{2}-\\d{2}")) {
        return Instant.parse(value + "T00:00:00Z");
      }
      return Instant.parse(value);
    } catch (DateTimeException | ArithmeticException | NumberFormatException e) {
      throw badSince(value);
    }
  }

  private static IllegalArgumentException badSince(String value) {
    return new IllegalArgumentException(
        "since: must be an instant (2024-05-01T00:00:00Z), a date (2024-05-01) or an age (30m,"
            + " 24h, 7d), got "
            + value);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
