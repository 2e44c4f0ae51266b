package dev.fastci.server.notify;

/**
 * One webhook call of a run's end. The secret's value is not here (nor in the workflow history):
 * the activity reads it when it sends.
 *
 * @param runId the run told about
 * @param attempt the run's attempt that ended
 * @param webhook the URL posted to
 * @param secretHeader the name of a server secret sent as a header, or null
 * @param body the JSON body
 */
public record Delivery(
    String runId, int attempt, String webhook, String secretHeader, String body) {}
