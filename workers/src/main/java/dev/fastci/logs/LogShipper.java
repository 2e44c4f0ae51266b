package dev.fastci.logs;

import dev.fastci.util.DaemonThreads;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends job logs, as they grow, from a worker host's log files to the FastCI server, which writes
 * them into its own log files: the server's log endpoint and pages then read the same bytes as for
 * a job of its own worker. Each chunk says at which offset it starts, so a chunk sent twice is
 * written once, and a log rewritten from its start (a re-attached job) starts over at 0.
 */
public final class LogShipper implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LogShipper.class);
  static final Duration SEND_EVERY = Duration.ofMillis(250);

  /**
   * A busy log goes in chunks this big: each is a request, with store lookups on the server; half
   * the server's default request body limit ({@code fastci.limits.max-body-bytes}, 1 MiB).
   */
  private static final int MAX_CHUNK = 512 * 1024;

  private static final int FINAL_TRIES = 8;

  private final LogServer server;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ScheduledExecutorService clock = DaemonThreads.scheduler("fastci-log-shipper");

  public LogShipper(LogServer server) {
    this.server = server;
  }

  /** The server the logs go to. */
  public LogServer server() {
    return server;
  }

  /** Starts sending the file's new bytes every {@link #SEND_EVERY}, until the shipment ends. */
  public Shipment follow(String runId, String job, int attempt, int tryNumber, Path file) {
    return follow(
        new Shipment(
            runId, job, file, offset -> server.logOf(runId, job, attempt, tryNumber, offset)));
  }

  /** The same for the log of a service in one attempt of a run. */
  public Shipment followService(String runId, String service, int attempt, Path file) {
    return follow(
        new Shipment(
            runId,
            "service " + service,
            file,
            offset -> server.serviceLogOf(runId, service, attempt, offset)));
  }

  private Shipment follow(Shipment shipment) {
    shipment.periodic =
        clock.scheduleWithFixedDelay(
            shipment::sendQuietly,
            SEND_EVERY.toMillis(),
            SEND_EVERY.toMillis(),
            TimeUnit.MILLISECONDS);
    return shipment;
  }

  @Override
  public void close() {
    clock.shutdownNow();
  }

  /** The log of one try of a job attempt (or of a service attempt) on its way to the server. */
  public final class Shipment implements AutoCloseable {
    private final String runId;
    private final String what;
    private final Path file;
    private final LongFunction<URI> target;
    private long sent;
    private ScheduledFuture<?> periodic;

    /**
     * @param what what the log is of (a job, a service), for messages
     * @param target where the bytes from an offset on go
     */
    private Shipment(String runId, String what, Path file, LongFunction<URI> target) {
      this.runId = runId;
      this.what = what;
      this.file = file;
      this.target = target;
    }

    /**
     * Sends the rest of the log and stops: the job counts as ended only after this, so the server
     * has its last byte by then. Tries a few times.
     *
     * @throws UncheckedIOException when the server did not take the log
     */
    public void finish() {
      periodic.cancel(false);
      IOException last = null;
      for (int tries = 1; tries <= FINAL_TRIES; tries++) {
        try {
          send(true);
          return;
        } catch (IOException e) {
          last = e;
          pause(Duration.ofMillis(250L * tries));
        }
      }
      throw new UncheckedIOException(
          "could not send the log of " + what + " (run " + runId + ") to " + server.url(), last);
    }

    /** Stops sending without the last part (the job did not end: the next attempt sends it). */
    @Override
    public void close() {
      periodic.cancel(false);
    }

    private void sendQuietly() {
      try {
        send(false);
      } catch (IOException e) {
        log.warn("log of {} (run {}) not sent yet: {}", what, runId, e.getMessage());
      }
    }

    /** Sends what is new; the last send also makes an empty log exist on the server. */
    private synchronized void send(boolean last) throws IOException {
      if (!Files.exists(file)) {
        return;
      }
      try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
        long size = in.length();
        if (size < sent) {
          sent = 0; // rewritten from its start by a re-attached attempt
        }
        if (size == sent && (sent > 0 || !last)) {
          return;
        }
        do {
          byte[] chunk = new byte[(int) Math.min(MAX_CHUNK, size - sent)];
          in.seek(sent);
          in.readFully(chunk);
          put(chunk);
          sent += chunk.length;
        } while (sent < size);
      }
    }

    private void put(byte[] chunk) throws IOException {
      HttpRequest request =
          HttpRequest.newBuilder(target.apply(sent))
              .timeout(Duration.ofSeconds(30))
              .header("Authorization", "Bearer " + server.apiToken())
              .header("Content-Type", "application/octet-stream")
              .PUT(HttpRequest.BodyPublishers.ofByteArray(chunk))
              .build();
      HttpResponse<String> response;
      try {
        response = http.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while sending a log", e);
      }
      if (response.statusCode() / 100 != 2) {
        throw new IOException(
            "the server answered " + response.statusCode() + ": " + response.body());
      }
    }
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending a log", e);
    }
  }
}
