package dev.fastci.cache;

import dev.fastci.spec.KeyTemplate;
import java.nio.file.Path;

/** Renders a cache key template against the files of a run (its checkout or pipeline dir). */
final class KeyRenderer {
  /** How many hex digits of a file hash go into a key: plenty to tell versions apart. */
  private static final int HASH_DIGITS = 16;

  private KeyRenderer() {}

  /**
   * @param files the checkout in repo mode, else the pipeline dir (or the host workdir); null when
   *     the run has none, which hashes as no files
   */
  static String render(String template, Path files) {
    StringBuilder key = new StringBuilder();
    for (KeyTemplate.Part part : KeyTemplate.parse(template)) {
      if (part.literal() != null) {
        key.append(part.literal());
      } else {
        key.append(FileHashes.hash(files, part.glob()), 0, HASH_DIGITS);
      }
    }
    return key.toString();
  }
}
