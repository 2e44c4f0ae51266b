package dev.fastci.server.caches;

import dev.fastci.cache.CacheStore;
import dev.fastci.host.PipelineDirs;
import dev.fastci.server.FastciProperties;
import dev.fastci.server.audit.Actor;
import dev.fastci.server.audit.AuditLog;
import dev.fastci.server.audit.Outcome;
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
  private final AuditLog audit;

  Caches(FastciProperties properties, AuditLog audit) {
    this.store = new CacheStore(properties.dataDir());
    this.audit = audit;
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
    boolean deleted = store.delete(id);
    audit.record(
        Actor.current(),
        "cache.delete",
        "cache " + id,
        null,
        deleted ? Outcome.OK : Outcome.FAILED,
        deleted ? null : "no such cache");
    return deleted;
  }

  /** Returns how many were deleted. */
  public int deleteAll() {
    int deleted = store.deleteAll();
    audit.record(
        Actor.current(), "cache.delete", "every cache", null, Outcome.OK, deleted + " deleted");
    return deleted;
  }
}
