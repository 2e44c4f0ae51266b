package dev.fastci.client;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The Temporal executions of a run and their event histories (GetWorkflowExecutionHistory): those
 * of the engine that serves now, and the archived ones of embedded engines that were closed.
 */
public final class RunHistories {
  private final TemporalClients clients;
  private final HistoryArchive archive;

  /**
   * @param archive the archive of closed embedded engines; null with a cluster
   */
  public RunHistories(TemporalClients clients, HistoryArchive archive) {
    this.clients = clients;
    this.archive = archive;
  }

  /** A page of one execution's events (the latest execution when none is named). */
  public record Page(
      List<HistoryExecution> executions,
      String executionId,
      int total,
      int offset,
      List<HistoryLine> events) {}

  /** Every execution of the run, oldest first. */
  public List<HistoryExecution> executions(String runId) {
    List<HistoryExecution> all = new ArrayList<>();
    if (archive != null) {
      for (HistoryArchive.Archived archived : archive.executions(runId)) {
        all.add(summary(archived.executionId(), HistoryArchive.read(archived.file()), archived));
      }
    }
    List<WorkflowExecutionInfo> live =
        clients.using(
            client -> {
              List<WorkflowExecutionInfo> infos =
                  new ArrayList<>(TemporalHistories.executions(client, runId, false));
              infos.addAll(TemporalHistories.executions(client, runId, true));
              return infos;
            });
    for (WorkflowExecutionInfo info : live) {
      if (all.stream().noneMatch(e -> e.executionId().equals(info.getExecution().getRunId()))) {
        all.add(summary(info));
      }
    }
    all.sort(Comparator.comparing(HistoryExecution::startedAt));
    return all;
  }

  public Page page(String runId, String executionId, int offset, int limit) {
    List<HistoryExecution> executions = executions(runId);
    if (executions.isEmpty()) {
      return new Page(executions, null, 0, 0, List.of());
    }
    HistoryExecution chosen =
        executionId == null
            ? executions.get(executions.size() - 1)
            : executions.stream()
                .filter(e -> e.executionId().equals(executionId))
                .findFirst()
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "run " + runId + " has no execution " + executionId));
    List<HistoryLine> lines = HistoryLines.of(history(runId, chosen));
    int from = Math.min(Math.max(offset, 0), lines.size());
    int to = Math.min(from + limit, lines.size());
    return new Page(
        executions, chosen.executionId(), lines.size(), from, List.copyOf(lines.subList(from, to)));
  }

  private History history(String runId, HistoryExecution execution) {
    if (execution.archived()) {
      return archive.executions(runId).stream()
          .filter(a -> a.executionId().equals(execution.executionId()))
          .findFirst()
          .map(a -> HistoryArchive.read(a.file()))
          .orElse(History.getDefaultInstance());
    }
    WorkflowExecution id =
        WorkflowExecution.newBuilder()
            .setWorkflowId(runId)
            .setRunId(execution.executionId())
            .build();
    return clients.using(client -> TemporalHistories.history(client, id));
  }

  private static HistoryExecution summary(WorkflowExecutionInfo info) {
    String status =
        HistoryLines.camel(info.getStatus().name().replaceFirst("^WORKFLOW_EXECUTION_STATUS_", ""));
    return new HistoryExecution(
        info.getExecution().getRunId(),
        HistoryLines.instant(info.getStartTime()),
        info.hasCloseTime() ? HistoryLines.instant(info.getCloseTime()) : null,
        status,
        (int) info.getHistoryLength(),
        null,
        false);
  }

  private static HistoryExecution summary(
      String executionId, History history, HistoryArchive.Archived archived) {
    List<HistoryEvent> events = history.getEventsList();
    HistoryEvent last = events.isEmpty() ? null : events.get(events.size() - 1);
    String status = last == null ? "Interrupted" : closeStatus(last.getEventType());
    return new HistoryExecution(
        executionId,
        events.isEmpty() ? Instant.EPOCH : HistoryLines.instant(events.get(0).getEventTime()),
        status.equals("Interrupted") || last == null
            ? null
            : HistoryLines.instant(last.getEventTime()),
        status,
        events.size(),
        archived.note(),
        true);
  }

  private static String closeStatus(EventType type) {
    return switch (type) {
      case EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED -> "Completed";
      case EVENT_TYPE_WORKFLOW_EXECUTION_FAILED -> "Failed";
      case EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED -> "Canceled";
      case EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED -> "Terminated";
      case EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT -> "TimedOut";
      case EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW -> "ContinuedAsNew";
      default -> "Interrupted";
    };
  }
}
