package dev.fastci.server.audit;

import java.time.Clock;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/** Records who did what: every state-changing action goes through here once it has ended. */
@Service
public class AuditLog {
  private final AuditStore store;
  private final Clock clock;

  @Autowired
  public AuditLog(AuditStore store) {
    this(store, Clock.systemUTC());
  }

  public AuditLog(AuditStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * Appends one entry.
   *
   * @param target what the action was done to, e.g. {@code run r1 job build}
   * @param runId the run it concerns, or null
   * @param detail a reason or a note, or null
   */
  public void record(
      Actor actor, String action, String target, String runId, Outcome outcome, String detail) {
    store.append(
        new AuditEntry(
            0,
            clock.instant(),
            actor.user(),
            actor.token(),
            actor.address(),
            action,
            target,
            runId,
            outcome.shown(),
            detail));
  }

  /**
   * Does the action and records how it ended: {@code ok}, or {@code failed} with the exception's
   * message, which is then thrown on.
   */
  public <T> T recorded(Actor actor, String action, String target, String runId, Supplier<T> work) {
    T result;
    try {
      result = work.get();
    } catch (RuntimeException e) {
      record(actor, action, target, runId, Outcome.FAILED, e.getMessage());
      throw e;
    }
    record(actor, action, target, runId, Outcome.OK, null);
    return result;
  }

  /** {@link #recorded(Actor, String, String, String, Supplier)} for an action with no result. */
  public void recorded(Actor actor, String action, String target, String runId, Runnable work) {
    recorded(
        actor,
        action,
        target,
        runId,
        () -> {
          work.run();
          return null;
        });
  }
}
