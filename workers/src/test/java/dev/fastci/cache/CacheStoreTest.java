package dev.fastci.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache store on disk: saving, finding by key or prefix, deleting, and eviction. */
class CacheStoreTest {
  private static final long DAY = Duration.ofDays(1).toMillis();

  @TempDir Path dataDir;
  private final AtomicLong clock = new AtomicLong(1_000_000);
  private CacheStore store;

  @BeforeEach
  void openStore() {
    store = new CacheStore(dataDir, clock::get);
  }

  @Test
  void aSavedEntryIsFoundByItsKeyAndRestored() throws IOException {
    CacheEntry saved = save(store, "deps-1", 10);

    assertThat(store.exact(CacheEntry.KEYED, "deps-1")).contains(saved);
    Path target = dataDir.resolve("restored");
    assertThat(store.restore(saved, "", target)).isTrue();
    assertThat(target.resolve("data.bin")).hasSize(10);
  }

  @Test
  void aPrefixFindsTheNewestEntryStartingWithIt() throws IOException {
    save(store, "deps-old", 1);
    clock.addAndGet(1000);
    save(store, "deps-new", 1);
    save(store, "other-newest", 1);

    assertThat(store.newest(CacheEntry.KEYED, "deps-"))
        .get()
        .extracting(CacheEntry::key)
        .isEqualTo("deps-new");
    assertThat(store.newest(CacheEntry.JOB, "deps-")).isEmpty();
  }

  @Test
  void deletingAnEntryRemovesItsFiles() throws IOException {
    CacheEntry saved = save(store, "deps-1", 10);

    assertThat(store.delete(saved.id())).isTrue();
    assertThat(store.list()).isEmpty();
    assertThat(store.delete(saved.id())).isFalse();
    assertThat(store.delete("../../etc")).isFalse();
  }

  @Test
  void evictionDropsTheLeastRecentlyUsedUntilTheTotalFits() throws IOException {
    CacheEntry first = save(store, "a", 100);
    clock.addAndGet(1000);
    save(store, "b", 100);
    clock.addAndGet(1000);
    save(store, "c", 100);
    clock.addAndGet(1000);
    store.restore(first, "", dataDir.resolve("use-a")); // now a was used last, b is the oldest use

    var evicted = store.evict(new CacheLimits(250, Duration.ofDays(7)));

    assertThat(evicted).extracting(CacheEntry::key).containsExactly("b");
    assertThat(store.list()).extracting(CacheEntry::key).containsExactly("a", "c");
  }

  @Test
  void evictionDropsEntriesNotUsedForLongerThanTheMaxAge() throws IOException {
    save(store, "recent", 1);

    clock.addAndGet(8 * DAY);
    save(store, "fresh", 1);

    var evicted = store.evict(new CacheLimits(1_000_000, Duration.ofDays(7)));

    assertThat(evicted).extracting(CacheEntry::key).containsExactly("recent");
    assertThat(store.list()).extracting(CacheEntry::key).containsExactly("fresh");
    assertThat(dataDir.resolve("caches/entries").resolve(evicted.get(0).id())).doesNotExist();
  }

  @Test
  void evictionRemovesCacheDirsThatAStoppedWorkerLeftBehind() throws IOException {
    Path stale = Files.createDirectories(store.workDir().resolve("run.job.1.0"));
    Files.setLastModifiedTime(stale, java.nio.file.attribute.FileTime.fromMillis(clock.get()));
    Path fresh = Files.createDirectories(store.workDir().resolve("run.job.2.0"));
    Files.setLastModifiedTime(
        fresh, java.nio.file.attribute.FileTime.fromMillis(clock.get() + 8 * DAY));
    clock.addAndGet(8 * DAY);

    store.evict(new CacheLimits(1_000_000, Duration.ofDays(7)));

    assertThat(stale).doesNotExist();
    assertThat(fresh).exists();
  }

  @Test
  void theFirstCompleteSaveOfAKeyStaysAndALaterOneIsDropped() throws IOException {
    CacheEntry first = save(store, "deps-1", 10);
    clock.addAndGet(1000);

    CacheStore.Saved again =
        store.save(
            CacheEntry.KEYED, "deps-1", content -> Files.writeString(content.resolve("x"), "x"));

    assertThat(again.first()).isFalse();
    assertThat(again.entry()).isEqualTo(first);
    assertThat(store.exact(CacheEntry.KEYED, "deps-1")).contains(first);
    assertThat(store.files(first, "").resolve("x")).doesNotExist();
    assertThat(dataDir.resolve("caches/staging")).isEmptyDirectory();
  }

  private static CacheEntry save(CacheStore store, String key, int bytes) {
    return store
        .save(
            CacheEntry.KEYED,
            key,
            content -> Files.write(content.resolve("data.bin"), new byte[bytes]))
        .entry();
  }
}
