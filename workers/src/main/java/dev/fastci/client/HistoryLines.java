package dev.fastci.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Timestamp;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an event history into the lines of the History tab: each activity event names its activity
 * and the job it is about (read from the activity's input), a started event its try, and signals,
 * timers and failures say what they were.
 */
final class HistoryLines {
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Scheduled(String activity, String job) {}

  private HistoryLines() {}

  static List<HistoryLine> of(History history) {
    Map<Long, Scheduled> scheduled = new HashMap<>();
    List<HistoryLine> lines = new ArrayList<>(history.getEventsCount());
    for (HistoryEvent event : history.getEventsList()) {
      lines.add(line(event, scheduled));
    }
    return lines;
  }

  private static HistoryLine line(HistoryEvent event, Map<Long, Scheduled> scheduled) {
    String type = typeName(event.getEventType());
    Instant at = instant(event.getEventTime());
    Scheduled activity = null;
    Integer tryNumber = null;
    String detail = null;
    switch (event.getEventType()) {
      case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> {
        var a = event.getActivityTaskScheduledEventAttributes();
        activity = new Scheduled(a.getActivityType().getName(), jobOf(a.getInput()));
        scheduled.put(event.getEventId(), activity);
        detail = "queue " + a.getTaskQueue().getName();
      }
      case EVENT_TYPE_ACTIVITY_TASK_STARTED -> {
        var a = event.getActivityTaskStartedEventAttributes();
        activity = scheduled.get(a.getScheduledEventId());
        tryNumber = a.getAttempt();
      }
      case EVENT_TYPE_ACTIVITY_TASK_COMPLETED -> {
        var a = event.getActivityTaskCompletedEventAttributes();
        activity = scheduled.get(a.getScheduledEventId());
        detail = outcomeOf(a.getResult());
      }
      case EVENT_TYPE_ACTIVITY_TASK_FAILED -> {
        var a = event.getActivityTaskFailedEventAttributes();
        activity = scheduled.get(a.getScheduledEventId());
        detail = message(a.getFailure());
      }
      case EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT -> {
        var a = event.getActivityTaskTimedOutEventAttributes();
        activity = scheduled.get(a.getScheduledEventId());
        detail = message(a.getFailure());
      }
      case EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED ->
          activity =
              scheduled.get(
                  event.getActivityTaskCancelRequestedEventAttributes().getScheduledEventId());
      case EVENT_TYPE_ACTIVITY_TASK_CANCELED ->
          activity =
              scheduled.get(event.getActivityTaskCanceledEventAttributes().getScheduledEventId());
      case EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED -> {
        var a = event.getWorkflowExecutionSignaledEventAttributes();
        detail = a.getSignalName() + text(a.getInput());
      }
      case EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED ->
          detail = event.getWorkflowExecutionCancelRequestedEventAttributes().getCause();
      case EVENT_TYPE_TIMER_STARTED -> {
        var a = event.getTimerStartedEventAttributes();
        detail = "timer " + a.getTimerId() + ", fires after " + seconds(a.getStartToFireTimeout());
      }
      case EVENT_TYPE_TIMER_FIRED ->
          detail = "timer " + event.getTimerFiredEventAttributes().getTimerId();
      case EVENT_TYPE_WORKFLOW_EXECUTION_STARTED ->
          detail = startOf(event.getWorkflowExecutionStartedEventAttributes().getInput());
      case EVENT_TYPE_WORKFLOW_EXECUTION_FAILED ->
          detail = message(event.getWorkflowExecutionFailedEventAttributes().getFailure());
      case EVENT_TYPE_WORKFLOW_TASK_FAILED -> {
        var a = event.getWorkflowTaskFailedEventAttributes();
        detail = a.getCause().name() + ": " + message(a.getFailure());
      }
      case EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED ->
          detail = event.getWorkflowExecutionTerminatedEventAttributes().getReason();
      case EVENT_TYPE_MARKER_RECORDED ->
          detail = event.getMarkerRecordedEventAttributes().getMarkerName();
      default -> {}
    }
    return new HistoryLine(
        event.getEventId(),
        at,
        type,
        activity == null ? null : activity.activity(),
        activity == null ? null : activity.job(),
        tryNumber,
        detail);
  }

  /** {@code EVENT_TYPE_ACTIVITY_TASK_SCHEDULED} → {@code ActivityTaskScheduled}. */
  static String typeName(EventType type) {
    return camel(type.name().replaceFirst("^EVENT_TYPE_", ""));
  }

  /** {@code TIMED_OUT} → {@code TimedOut}. */
  static String camel(String constant) {
    StringBuilder name = new StringBuilder();
    for (String word : constant.split("_")) {
      if (!word.isEmpty()) {
        name.append(word.charAt(0)).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
      }
    }
    return name.toString();
  }

  static Instant instant(Timestamp time) {
    return Instant.ofEpochSecond(time.getSeconds(), time.getNanos());
  }

  private static String seconds(com.google.protobuf.Duration duration) {
    return (duration.getSeconds() + duration.getNanos() / 1e9) + " s";
  }

  /** The job an activity is about: a job request's job, or a recorded job state. */
  private static String jobOf(Payloads input) {
    for (Payload payload : input.getPayloadsList()) {
      JsonNode node = json(payload);
      if (node.path("job").path("name").isTextual()) {
        return node.path("job").path("name").asText();
      }
      if (node.path("name").isTextual() && node.has("status")) {
        return node.path("name").asText();
      }
    }
    return null;
  }

  /** A job result's outcome and exit code. */
  private static String outcomeOf(Payloads result) {
    for (Payload payload : result.getPayloadsList()) {
      JsonNode node = json(payload);
      if (node.has("outcome")) {
        String exit = node.path("exitCode").isNumber() ? ", exit " + node.get("exitCode") : "";
        return node.get("outcome").asText()
            + exit
            + (node.path("cached").asBoolean() ? ", cached" : "");
      }
    }
    return null;
  }

  private static String startOf(Payloads input) {
    for (Payload payload : input.getPayloadsList()) {
      JsonNode node = json(payload);
      if (node.has("attempt")) {
        int carried = node.path("carriedOver").size();
        return "attempt "
            + node.get("attempt").asInt()
            + (carried > 0 ? ", " + carried + " job(s) carried over" : "");
      }
    }
    return null;
  }

  private static String text(Payloads input) {
    List<String> args = new ArrayList<>();
    for (Payload payload : input.getPayloadsList()) {
      JsonNode node = json(payload);
      args.add(node.isTextual() ? node.asText() : node.toString());
    }
    return args.isEmpty() ? "" : " " + String.join(", ", args);
  }

  private static String message(Failure failure) {
    StringBuilder message = new StringBuilder(failure.getMessage());
    for (Failure cause = failure; cause.hasCause(); ) {
      cause = cause.getCause();
      message.append(": ").append(cause.getMessage());
    }
    return message.toString();
  }

  private static JsonNode json(Payload payload) {
    try {
      return JSON.readTree(payload.getData().toString(StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException notJson) {
      return JSON.missingNode();
    }
  }
}
