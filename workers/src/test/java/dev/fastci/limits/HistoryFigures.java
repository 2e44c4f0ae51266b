package dev.fastci.limits;

import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a real cluster limits in one execution's history: its event count and bytes, and how many
 * activities were pending (scheduled, not yet closed) at once.
 */
record HistoryFigures(
    int events, long bytes, int mostPendingActivities, Map<String, Integer> eventsByType) {

  static HistoryFigures of(History history) {
    int pending = 0;
    int most = 0;
    Map<String, Integer> byType = new TreeMap<>();
    for (HistoryEvent event : history.getEventsList()) {
      byType.merge(event.getEventType().name().replaceFirst("^EVENT_TYPE_", ""), 1, Integer::sum);
      switch (event.getEventType()) {
        case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> most = Math.max(most, ++pending);
        case EVENT_TYPE_ACTIVITY_TASK_COMPLETED,
            EVENT_TYPE_ACTIVITY_TASK_FAILED,
            EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT,
            EVENT_TYPE_ACTIVITY_TASK_CANCELED ->
            pending--;
        default -> {}
      }
    }
    return new HistoryFigures(history.getEventsCount(), history.getSerializedSize(), most, byType);
  }
}
