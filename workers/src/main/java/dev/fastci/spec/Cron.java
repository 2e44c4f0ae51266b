package dev.fastci.spec;

import java.time.DayOfWeek;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A standard five-field cron expression (minute hour day-of-month month day-of-week; {@code *},
 * numbers, {@code a-b} ranges, {@code /step}, lists, month and day names) or a macro ({@code
 * @yearly}, {@code @monthly}, {@code @weekly}, {@code @daily}, {@code @hourly}). As in cron, when
 * both day fields are restricted a day matching either runs.
 */
public final class Cron {
  private static final Map<String, String> MACROS =
      Map.of(
          "@yearly", "0 0 1 1 *",
          "@annually", "0 0 1 1 *",
          "@monthly", "0 0 1 * *",
          "@weekly", "0 0 * * 0",
          "@daily", "0 0 * * *",
          "@midnight", "0 0 * * *",
          "@hourly", "0 * * * *");
  private static final List<String> FIELDS =
      List.of("minute", "hour", "day of month", "month", "day of week");
  private static final int[][] RANGES = {{0, 59}, {0, 23}, {1, 31}, {1, 12}, {0, 7}};
  private static final List<String> MONTHS =
      List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
  private static final List<String> DAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");

  private final BitSet[] allowed = new BitSet[5];
  private final boolean anyDayOfMonth;
  private final boolean anyDayOfWeek;

  private Cron(String expression) {
    String[] fields = MACROS.getOrDefault(expression.strip(), expression).strip().split("\\s+");
    if (fields.length != 5) {
      throw new IllegalArgumentException(
          "must have five fields (minute hour day-of-month month day-of-week) or be a macro such"
              + " as @daily, got "
              + fields.length);
    }
    for (int i = 0; i < 5; i++) {
      allowed[i] = field(fields[i], i);
    }
    if (allowed[4].get(7)) {
      allowed[4].set(0); // 7 is Sunday too
    }
    anyDayOfMonth = fields[2].equals("*");
    anyDayOfWeek = fields[4].equals("*");
  }

  /**
   * @throws IllegalArgumentException naming the field that is wrong
   */
  public static Cron parse(String expression) {
    return new Cron(expression);
  }

  /** The first minute strictly after {@code after} that the expression matches. */
  public ZonedDateTime next(ZonedDateTime after) {
    ZonedDateTime t = after.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    for (int i = 0; i < 4 * 366 * 24 * 60; i++) { // four years of minutes covers Feb 29
      if (matches(t)) {
        return t;
      }
      t = t.plusMinutes(1);
    }
    throw new IllegalStateException("no time matches within four years");
  }

  private boolean matches(ZonedDateTime t) {
    if (!allowed[0].get(t.getMinute())
        || !allowed[1].get(t.getHour())
        || !allowed[3].get(t.getMonthValue())) {
      return false;
    }
    boolean dom = allowed[2].get(t.getDayOfMonth());
    boolean dow =
        allowed[4].get(t.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : t.getDayOfWeek().getValue());
    if (anyDayOfMonth || anyDayOfWeek) {
      return dom && dow;
    }
    return dom || dow;
  }

  private static BitSet field(String text, int index) {
    BitSet bits = new BitSet();
    int min = RANGES[index][0];
    int max = RANGES[index][1];
    for (String part : text.split(",")) {
      String[] stepped = part.split("/", -1);
      int step = 1;
      if (stepped.length == 2) {
        step = number(stepped[1], index, 1, max);
      } else if (stepped.length > 2) {
        throw problem(index, part);
      }
      int from;
      int to;
      if (stepped[0].equals("*")) {
        from = min;
        to = max;
      } else if (stepped[0].contains("-")) {
        String[] range = stepped[0].split("-", -1);
        if (range.length != 2) {
          throw problem(index, part);
        }
        from = value(range[0], index);
        to = value(range[1], index);
      } else {
        from = value(stepped[0], index);
        to = stepped.length == 2 ? max : from;
      }
      if (from > to) {
        throw problem(index, part);
      }
      for (int v = from; v <= to; v += step) {
        bits.set(v);
      }
    }
    return bits;
  }

  private static int value(String text, int index) {
    String lower = text.toLowerCase(Locale.ROOT);
    if (index == 3 && MONTHS.contains(lower)) {
      return MONTHS.indexOf(lower) + 1;
    }
    if (index == 4 && DAYS.contains(lower)) {
      return DAYS.indexOf(lower);
    }
    return number(text, index, RANGES[index][0], RANGES[index][1]);
  }

  private static int number(String text, int index, int min, int max) {
    try {
      int n = Integer.parseInt(text);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException notANumber) {
      // reported below
    }
    throw new IllegalArgumentException(
        FIELDS.get(index) + ": " + text + " is not a value from " + min + " to " + max);
  }

  private static IllegalArgumentException problem(int index, String part) {
    return new IllegalArgumentException(FIELDS.get(index) + ": cannot read " + part);
  }
}
