package dev.fastci.contract;

import java.security.SecureRandom;

/** New run ids: short, lowercase, time-ordered, and safe in container and file names. */
public final class RunIds {
  private static final SecureRandom RANDOM = new SecureRandom();

  private RunIds() {}

  public static String newId() {
    String time = Long.toString(System.currentTimeMillis(), 36);
    String random = Long.toString(Math.abs(RANDOM.nextLong()) % (36L * 36 * 36 * 36), 36);
    return time + "-" + "0".repeat(4 - random.length()) + random;
  }
}
