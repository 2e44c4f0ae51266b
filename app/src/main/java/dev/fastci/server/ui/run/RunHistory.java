package dev.fastci.server.ui.run;

import dev.fastci.server.audit.AuditEntry;
import dev.fastci.server.audit.AuditQuery;
import dev.fastci.server.audit.AuditStore;
import dev.fastci.server.ui.Formats;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Who started, cancelled and retried a run and its jobs, from the audit log, oldest first. */
final class RunHistory {
  static final int MAX_LINES = 50;
  private static final Map<String, String> VERBS =
      Map.of(
          "run.start", "started",
          "run.cancel", "cancelled",
          "run.retry", "retried",
          "job.cancel", "cancelled",
          "job.retry", "retried",
          "job.approve", "approved",
          "job.reject", "rejected");

  private final AuditStore audit;

  RunHistory(AuditStore audit) {
    this.audit = audit;
  }

  /** "started by alice (token ci) at 2024-05-01 10:00:00 UTC", "job test retried by bob at ...". */
  List<String> of(String runId) {
    List<String> lines =
        new ArrayList<>(
            audit.find(new AuditQuery(null, null, null, runId), MAX_LINES, 0).stream()
                .filter(e -> "ok".equals(e.outcome()) && VERBS.containsKey(e.action()))
                .map(RunHistory::line)
                .toList());
    Collections.reverse(lines); // the store gives the newest first
    return lines;
  }

  private static String line(AuditEntry e) {
    String job =
        e.target() != null && e.target().contains(" job ")
            ? e.target().replaceFirst(".* job ", "job ") + " "
            : "";
    String who = e.token() == null ? e.user() : e.user() + " (token " + e.token() + ")";
    return job + VERBS.get(e.action()) + " by " + who + " at " + Formats.time(e.at());
  }
}
