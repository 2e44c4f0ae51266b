package dev.fastci.server.caches;

import dev.fastci.cache.CacheEntry;
import java.time.Instant;

/**
 * A cache in the API and on the caches page.
 *
 * @param kind {@code cache} for a job's keyed {@code caches}, {@code job} for a memoized job's
 *     recorded log and outputs
 */
public record CacheView(
    String id, String kind, String key, long sizeBytes, Instant createdAt, Instant lastUsedAt) {

  static CacheView of(CacheEntry entry) {
    return new CacheView(
        entry.id(),
        entry.kind(),
        entry.key(),
        entry.sizeBytes(),
        Instant.ofEpochMilli(entry.createdAt()),
        Instant.ofEpochMilli(entry.lastUsedAt()));
  }
}
