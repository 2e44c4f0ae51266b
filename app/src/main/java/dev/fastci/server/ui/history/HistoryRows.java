package dev.fastci.server.ui.history;

import dev.fastci.client.HistoryLine;
import dev.fastci.server.runs.RunHistory;
import dev.fastci.server.ui.Formats;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The History tab's rows: executions and events, written as the page shows them. */
final class HistoryRows {
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  private HistoryRows() {}

  /** One execution, with {@code chosen} true for the one whose events are shown. */
  record ExecutionRow(
      String id,
      String started,
      String closed,
      String status,
      int events,
      String note,
      String webUrl,
      boolean chosen) {
    static ExecutionRow of(RunHistory.Execution e, String chosen) {
      return new ExecutionRow(
          e.id(),
          Formats.time(e.startedAt()),
          Formats.time(e.closedAt()),
          e.status(),
          e.events(),
          e.note(),
          e.webUrl(),
          e.id().equals(chosen));
    }
  }

  /** One event: its id, time of day (UTC), type, job and try, and what else it says. */
  record EventRow(
      long id,
      String time,
      String type,
      String activity,
      String job,
      Integer tryNumber,
      String detail) {
    static EventRow of(HistoryLine line) {
      return new EventRow(
          line.id(),
          CLOCK.format(line.at()),
          line.type(),
          line.activity(),
          line.job(),
          line.tryNumber(),
          line.detail());
    }
  }
}
