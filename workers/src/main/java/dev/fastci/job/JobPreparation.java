package dev.fastci.job;

import dev.fastci.backend.JobStartException;
import dev.fastci.cache.KeyedCaches;
import dev.fastci.contract.JobRequest;
import dev.fastci.logs.JobLog;
import dev.fastci.secrets.SecretSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Before a job's container: its secrets, its memoization key (and the replay of a memoized run),
 * and its keyed caches.
 */
final class JobPreparation {
  private final SecretSource secrets;
  private final JobCaching caching;
  private final JobEnds ends;

  JobPreparation(SecretSource secrets, JobCaching caching, JobEnds ends) {
    this.secrets = secrets;
    this.caching = caching;
    this.ends = ends;
  }

  Prepared prepare(JobRequest request, JobLog log, long startedAt) {
    Map<String, String> secretValues = new LinkedHashMap<>();
    if (request.untrusted() && !request.job().allSecrets().isEmpty()) {
      String refused =
          "secret "
              + request.job().allSecrets().get(0)
              + " is not given to a pull request from a fork: its code is not trusted";
      return new Prepared.Ended(
          ends.couldNotStart(log, new JobStartException(refused, null), startedAt));
    }
    for (String name : request.job().allSecrets()) {
      String value = secrets.value(name);
      if (value == null) {
        String missing =
            "secret " + name + " is not set on the worker (" + SecretSource.variable(name) + ")";
        return new Prepared.Ended(
            ends.couldNotStart(log, new JobStartException(missing, null), startedAt));
      }
      secretValues.put(name, value);
    }
    List<String> preamble = new ArrayList<>();
    String key;
    try {
      key = caching.key(request, preamble);
    } catch (JobStartException e) {
      return new Prepared.Ended(ends.couldNotStart(log, e, startedAt));
    }
    if (caching.replay(request, log, key)) {
      return new Prepared.Ended(ends.replayed(request, log, key, startedAt));
    }
    List<KeyedCaches.Mount> mounts = caching.restoreCaches(request, preamble);
    return new Prepared.Ready(secretValues, key, preamble, mounts);
  }
}
