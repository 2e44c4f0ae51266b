package dev.fastci.client;

import java.time.Instant;

/**
 * One event of an execution's history, as the History tab shows it.
 *
 * @param id the event id, from 1
 * @param type Temporal's event type, e.g. {@code ActivityTaskScheduled}
 * @param activity for activity events, the activity type (e.g. {@code RunJob}); else null
 * @param job the job an activity event is about, or null
 * @param tryNumber Temporal's try of the activity (from 1) on its started event; else null
 * @param detail what else matters: a signal's name, a timer's duration, a failure's message
 */
public record HistoryLine(
    long id,
    Instant at,
    String type,
    String activity,
    String job,
    Integer tryNumber,
    String detail) {}
