package dev.fastci.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fastci.spec.CacheSpec;
import dev.fastci.util.Mounts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keyed caches mounted copy-on-write. The tests stand in for the job: they write into the dir the
 * job's container would mount. They need overlay mounts (root on Linux) and are skipped elsewhere.
 */
class KeyedCachesTest {
  @TempDir Path dataDir;
  private CacheStore store;
  private KeyedCaches caches;
  private final List<KeyedCaches.Mount> held = new ArrayList<>();

  @BeforeEach
  void openStore() {
    store = new CacheStore(dataDir);
    caches = new KeyedCaches(store, CacheLimits.DEFAULT);
    assumeTrue(CopyOnWrite.available(store.workDir()), "overlay mounts need root");
  }

  @AfterEach
  void releaseMounts() {
    caches.release(held);
  }

  @Test
  void aRestoredCacheIsMountedAndTheJobsWritesNeverReachTheEntry() throws IOException {
    saveEntry("deps-1", "a.txt", "saved");
    List<String> log = new ArrayList<>();
    KeyedCaches.Mount mount = restore("r1", "deps-1", log);

    assertThat(Mounts.isMountPoint(mount.hostDir())).isTrue();
    assertThat(log).singleElement().asString().contains("restored deps-1 (copy-on-write, ");
    assertThat(read(mount.hostDir().resolve("a.txt"))).isEqualTo("saved");
    Files.writeString(mount.hostDir().resolve("a.txt"), "changed by the job");
    Files.delete(mount.hostDir().resolve("sub/b.txt"));

    assertThat(read(store.files(mount.restored(), "").resolve("a.txt"))).isEqualTo("saved");
    assertThat(store.files(mount.restored(), "").resolve("sub/b.txt")).exists();
  }

  @Test
  void twoJobsWithTheSameKeyNeverSeeEachOthersWrites() throws IOException {
    saveEntry("deps-1", "a.txt", "saved");
    KeyedCaches.Mount one = restore("r1", "deps-1", new ArrayList<>());
    KeyedCaches.Mount two = restore("r2", "deps-1", new ArrayList<>());

    Files.writeString(one.hostDir().resolve("a.txt"), "one");
    Files.writeString(one.hostDir().resolve("new.txt"), "one");

    assertThat(read(two.hostDir().resolve("a.txt"))).isEqualTo("saved");
    assertThat(two.hostDir().resolve("new.txt")).doesNotExist();
  }

  @Test
  void aCacheRestoredByPrefixIsSavedAsTheEntryUnderTheJobsChanges() throws IOException {
    saveEntry("deps-old", "a.txt", "old");
    KeyedCaches.Mount mount = restore("r1", "deps-new", new ArrayList<>(), "deps-");
    Files.writeString(mount.hostDir().resolve("a.txt"), "new");
    Files.delete(mount.hostDir().resolve("sub/b.txt"));
    Files.writeString(mount.hostDir().resolve("c.txt"), "added");
    Files.delete(mount.hostDir().resolve("keep/k.txt"));
    Files.delete(mount.hostDir().resolve("keep"));
    Files.createDirectories(mount.hostDir().resolve("keep"));
    Files.writeString(mount.hostDir().resolve("keep/fresh.txt"), "fresh");
    List<String> log = new ArrayList<>();

    caches.save(List.of(mount), log);

    Path saved = store.files(store.exact(CacheEntry.KEYED, "deps-new").orElseThrow(), "");
    assertThat(log).containsExactly("fastci: cache /c: saved deps-new");
    assertThat(read(saved.resolve("a.txt"))).isEqualTo("new");
    assertThat(read(saved.resolve("c.txt"))).isEqualTo("added");
    assertThat(saved.resolve("sub")).isDirectory();
    assertThat(saved.resolve("sub/b.txt")).doesNotExist();
    assertThat(saved.resolve("keep/k.txt")).doesNotExist(); // the dir was replaced: opaque
    assertThat(read(saved.resolve("keep/fresh.txt"))).isEqualTo("fresh");
    Path old = store.files(store.exact(CacheEntry.KEYED, "deps-old").orElseThrow(), "");
    assertThat(read(old.resolve("a.txt"))).isEqualTo("old");
    assertThat(old.resolve("sub/b.txt")).exists();
  }

  @Test
  void theFirstCompleteSaveOfAKeyWinsAndTheSecondIsDropped() throws IOException {
    saveEntry("deps-old", "a.txt", "old");
    KeyedCaches.Mount one = restore("r1", "deps-new", new ArrayList<>(), "deps-");
    KeyedCaches.Mount two = restore("r2", "deps-new", new ArrayList<>(), "deps-");
    Files.writeString(one.hostDir().resolve("a.txt"), "one");
    Files.writeString(two.hostDir().resolve("a.txt"), "two");
    List<String> log = new ArrayList<>();

    caches.save(List.of(one), log);
    caches.save(List.of(two), log);

    assertThat(log)
        .containsExactly(
            "fastci: cache /c: saved deps-new",
            "fastci: cache /c: deps-new was saved by another job first; that one stays");
    Path saved = store.files(store.exact(CacheEntry.KEYED, "deps-new").orElseThrow(), "");
    assertThat(read(saved.resolve("a.txt"))).isEqualTo("one");
  }

  @Test
  void anEntryDeletedWhileMountedStaysReadableUntilReleased() throws IOException {
    CacheEntry entry = saveEntry("deps-1", "a.txt", "saved");
    KeyedCaches.Mount mount = restore("r1", "deps-1", new ArrayList<>());

    assertThat(store.delete(entry.id())).isTrue();

    assertThat(store.exact(CacheEntry.KEYED, "deps-1")).isEmpty();
    assertThat(read(mount.hostDir().resolve("a.txt"))).isEqualTo("saved");
    caches.release(held);
    held.clear();
    assertThat(dataDir.resolve("caches/trash")).isEmptyDirectory();
  }

  private KeyedCaches.Mount restore(String run, String key, List<String> log, String... prefixes) {
    KeyedCaches.Mount mount =
        caches
            .restore(
                run, "job", 1, 1, List.of(new CacheSpec(key, "/c", List.of(prefixes))), null, log)
            .get(0);
    held.add(mount);
    return mount;
  }

  private CacheEntry saveEntry(String key, String file, String text) {
    return store
        .save(
            CacheEntry.KEYED,
            key,
            content -> {
              Files.writeString(content.resolve(file), text);
              Files.createDirectories(content.resolve("sub"));
              Files.writeString(content.resolve("sub/b.txt"), "b");
              Files.createDirectories(content.resolve("keep"));
              Files.writeString(content.resolve("keep/k.txt"), "k");
            })
        .entry();
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }
}
