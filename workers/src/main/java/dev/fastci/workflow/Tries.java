package dev.fastci.workflow;

import java.util.HashMap;
import java.util.Map;

/** Counts the tries of each activity the workflow retries itself, up to a limit. */
final class Tries {
  private final int limit;
  private final Map<String, Integer> counted = new HashMap<>();

  Tries(int limit) {
    this.limit = limit;
  }

  /** Whether the activity named {@code key} that failed with this trouble is to be tried again. */
  boolean another(String key, ActivityTrouble trouble) {
    if (trouble == ActivityTrouble.FINAL) {
      return false;
    }
    if (!trouble.countsAsATry()) {
      return true;
    }
    int tried = counted.merge(key, 1, Integer::sum);
    return tried < limit;
  }
}
