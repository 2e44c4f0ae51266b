package dev.fastci.server.caches;

import dev.fastci.server.ui.Formats;
import java.util.Locale;

/** A row of the caches page. */
record CacheLine(String id, String kind, String key, String size, String created, String lastUsed) {

  static CacheLine of(CacheView cache) {
    return new CacheLine(
        cache.id(),
        cache.kind(),
        cache.key(),
        size(cache.sizeBytes()),
        Formats.time(cache.createdAt()),
        Formats.time(cache.lastUsedAt()));
  }

  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
