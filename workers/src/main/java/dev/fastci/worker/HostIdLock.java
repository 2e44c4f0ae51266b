package dev.fastci.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * One worker host id per process on a machine. A worker that starts removes the warm network
 * holders its host id left (after a crash), and its host queue takes the jobs of that host: a
 * second live process with the same id would remove the first one's holders and take its jobs. So a
 * worker holds a lock file, {@code <tmp>/fastci-host-ids/<host id>.lock} with its pid, while it
 * runs, and another process that finds it held refuses to start. Engines in one process (tests)
 * share the lock.
 */
final class HostIdLock implements AutoCloseable {
  private static final Map<String, HostIdLock> HELD = new HashMap<>();

  private final String hostId;
  private final FileChannel channel;
  private final FileLock lock;
  private int users = 1;

  private HostIdLock(String hostId, FileChannel channel, FileLock lock) {
    this.hostId = hostId;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * @throws IllegalStateException when another process on this machine holds the host id
   */
  static HostIdLock acquire(String hostId) {
    return acquire(Path.of(System.getProperty("java.io.tmpdir"), "fastci-host-ids"), hostId);
  }

  static HostIdLock acquire(Path dir, String hostId) {
    synchronized (HELD) {
      HostIdLock held = HELD.get(hostId);
      if (held != null) {
        held.users++;
        return held;
      }
      Path file = dir.resolve(hostId + ".lock");
      try {
        Files.createDirectories(dir);
        FileChannel channel =
            FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
          lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
          lock = null;
        }
        if (lock == null) {
          channel.close();
          throw new IllegalStateException(
              "another FastCI server or worker on this machine (pid "
                  + holderOf(file)
                  + ") runs with the worker host id '"
                  + hostId
                  + "'; give each process its own FASTCI_WORKER_HOST_ID (fastci.worker.host-id)");
        }
        channel.truncate(0);
        channel.write(
            ByteBuffer.wrap(
                Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
        HostIdLock acquired = new HostIdLock(hostId, channel, lock);
        HELD.put(hostId, acquired);
        return acquired;
      } catch (IOException e) {
        throw new UncheckedIOException("could not lock the worker host id at " + file, e);
      }
    }
  }

  private static String holderOf(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return "unknown";
    }
  }

  @Override
  public void close() {
    synchronized (HELD) {
      if (--users > 0) {
        return;
      }
      HELD.remove(hostId);
      try {
        lock.release();
        channel.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
