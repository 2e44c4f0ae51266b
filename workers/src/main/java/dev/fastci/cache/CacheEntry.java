package dev.fastci.cache;

/**
 * One saved cache on this worker host.
 *
 * @param id names the entry's directory; derived from kind and key
 * @param kind {@link #KEYED} for a job's {@code caches}, {@link #JOB} for a memoized job's log and
 *     outputs
 * @param key the rendered key (for {@link #JOB}: the job name and its memoization hash)
 * @param createdAt when it was saved, epoch milliseconds
 * @param lastUsedAt when it was last saved or restored, epoch milliseconds
 * @param sizeBytes the bytes of its files
 */
public record CacheEntry(
    String id, String kind, String key, long createdAt, long lastUsedAt, long sizeBytes) {
  public static final String KEYED = "cache";
  public static final String JOB = "job";

  CacheEntry usedAt(long now) {
    return new CacheEntry(id, kind, key, createdAt, now, sizeBytes);
  }
}
