package dev.fastci.backend.dummy;

import dev.fastci.backend.JobStartException;
import java.util.Map;

/**
 * What a service's environment tells the dummy backend about its readiness and its life. A service
 * runs until it is removed, unless {@code DUMMY_EXIT_CODE} is set: then it exits with that code
 * after {@code DUMMY_SLEEP_MS}, as a job does. A service with {@code DUMMY_HOLD} is not ready until
 * {@link DummyBackend#release} (then as below).
 *
 * @param readyAfterMs {@code DUMMY_READY_AFTER_MS}: its readiness probes (ready.tcp, ready.command,
 *     the health check) answer "ready" this long after its start (default 0)
 * @param neverReady {@code DUMMY_NEVER_READY}: they never do
 * @param healthcheck {@code DUMMY_HEALTHCHECK}: its image has a HEALTHCHECK (starting, then healthy
 *     once ready); without it the image has none
 * @param exits whether it exits by itself ({@code DUMMY_EXIT_CODE} is set)
 */
record DummyReadiness(long readyAfterMs, boolean neverReady, boolean healthcheck, boolean exits) {
  static final String READY_AFTER_MS = "DUMMY_READY_AFTER_MS";
  static final String NEVER_READY = "DUMMY_NEVER_READY";
  static final String HEALTHCHECK = "DUMMY_HEALTHCHECK";

  /**
   * @throws JobStartException when a number is not one
   */
  static DummyReadiness of(Map<String, String> env) {
    String after = env.getOrDefault(READY_AFTER_MS, "0").strip();
    long readyAfter;
    try {
      readyAfter = after.isEmpty() ? 0 : Long.parseLong(after);
    } catch (NumberFormatException e) {
      throw new JobStartException(
          "dummy backend: " + READY_AFTER_MS + " is not a number: " + after, e);
    }
    return new DummyReadiness(
        readyAfter,
        DummyEnv.flag(env, NEVER_READY),
        DummyEnv.flag(env, HEALTHCHECK),
        env.containsKey(DummyEnv.EXIT_CODE));
  }

  /** Whether a container of this readiness, running since {@code startedAt}, is ready now. */
  boolean readyAt(long startedAt, long now) {
    return !neverReady && now - startedAt >= readyAfterMs;
  }
}
