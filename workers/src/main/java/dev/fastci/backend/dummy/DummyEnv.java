package dev.fastci.backend.dummy;

import dev.fastci.backend.JobStartException;
import java.util.HashMap;
import java.util.Map;

/**
 * What a job's environment tells the dummy backend to do, like the {@code SLEEP}, {@code
 * EXPECT_EXIT_CODE} and {@code STEP_START_FAIL} keys of Woodpecker's dummy backend. A flag is on
 * for any value but {@code false} and {@code 0}. Any key may be given for one try of a job with
 * {@code retry} alone: {@code DUMMY_TRY2_EXIT_CODE=0} is the exit code of its second try, whatever
 * {@code DUMMY_EXIT_CODE} says for the others.
 *
 * @param exitCode {@code DUMMY_EXIT_CODE}: the exit code (default 0)
 * @param sleepMs {@code DUMMY_SLEEP_MS}: how long the container runs (default 0)
 * @param hold {@code DUMMY_HOLD}: runs until {@link DummyBackend#release} or a kill
 * @param output {@code DUMMY_OUTPUT}, then {@code DUMMY_OUTPUT_LINES=N} lines {@code line 1} to
 *     {@code line N}: the log
 * @param createError {@code DUMMY_CREATE_ERROR}: createOrFind fails with this reason
 * @param startFail {@code DUMMY_START_FAIL}: start fails
 * @param tailFail {@code DUMMY_TAIL_FAIL}: the log stream breaks off
 * @param oomKilled {@code DUMMY_OOM_KILLED}: a non-zero exit counts as killed for its memory
 * @param lost {@code DUMMY_LOST}: the container vanishes after its sleep, as in an engine restart
 */
record DummyEnv(
    int exitCode,
    long sleepMs,
    boolean hold,
    String output,
    String createError,
    boolean startFail,
    boolean tailFail,
    boolean oomKilled,
    boolean lost) {
  static final String EXIT_CODE = "DUMMY_EXIT_CODE";
  static final String SLEEP_MS = "DUMMY_SLEEP_MS";
  static final String HOLD = "DUMMY_HOLD";
  static final String OUTPUT = "DUMMY_OUTPUT";
  static final String OUTPUT_LINES = "DUMMY_OUTPUT_LINES";
  static final String CREATE_ERROR = "DUMMY_CREATE_ERROR";
  static final String START_FAIL = "DUMMY_START_FAIL";
  static final String TAIL_FAIL = "DUMMY_TAIL_FAIL";
  static final String OOM_KILLED = "DUMMY_OOM_KILLED";
  static final String LOST = "DUMMY_LOST";
  private static final String PREFIX = "DUMMY_";

  /**
   * What the container of this try does: the try's own {@code DUMMY_TRY<n>_} keys over the others.
   *
   * @throws JobStartException when a number is not one
   */
  static DummyEnv of(Map<String, String> env, int tryNumber) {
    String tryPrefix = PREFIX + "TRY" + tryNumber + "_";
    Map<String, String> effective = new HashMap<>(env);
    env.forEach(
        (key, value) -> {
          if (key.startsWith(tryPrefix)) {
            effective.put(PREFIX + key.substring(tryPrefix.length()), value);
          }
        });
    return of(effective);
  }

  /**
   * @throws JobStartException when a number is not one
   */
  static DummyEnv of(Map<String, String> env) {
    StringBuilder output = new StringBuilder(env.getOrDefault(OUTPUT, ""));
    for (long line = 1; line <= number(env, OUTPUT_LINES); line++) {
      output.append("line ").append(line).append('\n');
    }
    return new DummyEnv(
        (int) number(env, EXIT_CODE),
        number(env, SLEEP_MS),
        flag(env, HOLD),
        output.toString(),
        env.get(CREATE_ERROR),
        flag(env, START_FAIL),
        flag(env, TAIL_FAIL),
        flag(env, OOM_KILLED),
        flag(env, LOST));
  }

  private static long number(Map<String, String> env, String key) {
    String value = env.get(key);
    try {
      return value == null || value.isBlank() ? 0 : Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new JobStartException("dummy backend: " + key + " is not a number: " + value, e);
    }
  }

  static boolean flag(Map<String, String> env, String key) {
    String value = env.get(key);
    return value != null && !value.isBlank() && !value.equals("0") && !value.equals("false");
  }
}
