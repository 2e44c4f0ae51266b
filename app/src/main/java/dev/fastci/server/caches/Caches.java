package dev.fastci.server.caches;

import dev.fastci.cache.CacheStore;
import dev.fastci.host.PipelineDirs;
import dev.fastci.server.FastciProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The caches of this server's worker host (under its data dir). Workers on other hosts keep their
 * own caches, which only they see.
 */
@Service
public class Caches {
  private final CacheStore store;
  private final PipelineDirs pipelineDirs;
  private final long pipelineDirBudget;

  Caches(FastciProperties properties) {
    this.store = new CacheStore(properties.dataDir());
    this.pipelineDirs = new PipelineDirs(properties.dataDir());
    this.pipelineDirBudget = properties.retention().pipelineDirMaxBytes();
  }

  /** The finished runs' pipeline dirs kept for retries, together. */
  public long keptPipelineDirBytes() {
    try {
      return pipelineDirs.keptBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Their budget ({@code fastci.retention.pipeline-dir-max-size}); 0 for none. */
  public long pipelineDirBudget() {
    return pipelineDirBudget;
  }

  /** Most recently used first. */
  public List<CacheView> list() {
    return store.list().stream().map(CacheView::of).toList();
  }

  public long totalBytes(List<CacheView> caches) {
    return caches.stream().mapToLong(CacheView::sizeBytes).sum();
  }

  /** False when there is no cache with that id. */
  public boolean delete(String id) {
    return store.delete(id);
  }

  /** Returns how many were deleted. */
  public int deleteAll() {
    return store.deleteAll();
  }
}
