package dev.fastci.cache;

import java.time.Duration;

/**
 * When caches are evicted: the least recently used go first once all of them together hold more
 * than {@code maxBytes}, and any not used for {@code maxAge} goes.
 */
public record CacheLimits(long maxBytes, Duration maxAge) {
  public static final CacheLimits DEFAULT =
      new CacheLimits(10L * 1024 * 1024 * 1024, Duration.ofDays(7));

  public CacheLimits {
    if (maxBytes < 0) {
      throw new IllegalArgumentException("the cache max size must be >= 0, got " + maxBytes);
    }
    if (maxAge == null || maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("the cache max age must be > 0, got " + maxAge);
    }
  }
}
