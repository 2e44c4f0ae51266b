package dev.fastci.server.audit;

import java.time.Instant;

/**
 * One line of the audit log.
 *
 * @param user who: a user name, or {@code hook}, {@code schedule}, {@code forge}, {@code cli},
 *     {@code system}; the name typed for a failed login
 * @param token the personal token's name for an API call, else null
 * @param address the client's address, when the action came over HTTP
 * @param action what, e.g. {@code run.cancel} (README, "Audit log")
 * @param target what it was done to, e.g. {@code run r1 job build}
 * @param runId the run it concerns, or null
 * @param outcome {@code ok}, {@code failed} or {@code denied}
 * @param detail why it failed, or what else is worth knowing
 */
public record AuditEntry(
    long id,
    Instant at,
    String user,
    String token,
    String address,
    String action,
    String target,
    String runId,
    String outcome,
    String detail) {}
