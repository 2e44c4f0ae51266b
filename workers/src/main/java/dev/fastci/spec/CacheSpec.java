package dev.fastci.spec;

import java.util.List;

/**
 * One keyed cache of a job: restored to {@code path} before the job, saved from it after the job
 * succeeded.
 *
 * @param key the key template, e.g. {@code deps-{{ hash 'pom.xml' }}} (see {@link KeyTemplate})
 * @param path the absolute path inside the container
 * @param restoreKeys key prefixes tried in order when no cache has the exact key: the newest cache
 *     whose key starts with the prefix is restored
 */
public record CacheSpec(String key, String path, List<String> restoreKeys) {
  public CacheSpec {
    restoreKeys = restoreKeys == null ? List.of() : List.copyOf(restoreKeys);
  }
}
