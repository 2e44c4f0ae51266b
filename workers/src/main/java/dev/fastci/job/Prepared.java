package dev.fastci.job;

import dev.fastci.cache.KeyedCaches;
import dev.fastci.contract.JobResult;
import java.util.List;
import java.util.Map;

/** What preparing a job attempt came to: it ended already, or its container may be made. */
sealed interface Prepared {

  /** It ended before any container: a secret is missing, no key, or it was memoized. */
  record Ended(JobResult result) implements Prepared {}

  /**
   * @param secretValues the values of the job's secrets, by name
   * @param key its memoization key, or null
   * @param preamble lines the log starts with (what was restored, or why not)
   * @param mounts the keyed caches it holds until the attempt ends
   */
  record Ready(
      Map<String, String> secretValues,
      String key,
      List<String> preamble,
      List<KeyedCaches.Mount> mounts)
      implements Prepared {

    List<String> cacheBinds() {
      return mounts.stream().map(KeyedCaches.Mount::bind).toList();
    }
  }
}
