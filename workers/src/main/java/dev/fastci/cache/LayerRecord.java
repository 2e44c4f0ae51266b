package dev.fastci.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which entry a layer has mounted, in a file beside it ({@code lower}): a later try of the same job
 * attempt (its worker restarted) finds the layer still mounted and must know what to merge with.
 */
final class LayerRecord {
  private static final String FILE = "lower";

  private LayerRecord() {}

  static void write(Layer layer, CacheEntry entry) {
    try {
      Files.writeString(layer.dir().resolve(FILE), entry.id(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + layer.dir().resolve(FILE), e);
    }
  }

  /** The entry the layer has mounted, or null when it holds a copy (or the entry is gone). */
  static CacheEntry read(CacheStore store, Layer layer) {
    Path file = layer.dir().resolve(FILE);
    if (!Files.exists(file) || !layer.mounted()) {
      return null;
    }
    try {
      return store.byId(Files.readString(file, StandardCharsets.UTF_8).strip()).orElse(null);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
  }
}
