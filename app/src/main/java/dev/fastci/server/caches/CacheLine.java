package dev.fastci.server.caches;

import dev.fastci.server.ui.Formats;

/** A row of the caches page. */
record CacheLine(String id, String kind, String key, String size, String created, String lastUsed) {

  static CacheLine of(CacheView cache) {
    return new CacheLine(
        cache.id(),
        cache.kind(),
        cache.key(),
        Formats.bytes(cache.sizeBytes()),
        Formats.time(cache.createdAt()),
        Formats.time(cache.lastUsedAt()));
  }
}
