package dev.fastci.server.notify;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP server that takes webhook POSTs on any path and keeps them; a path may first answer
 * a number of 500s.
 */
public final class WebhookReceiver implements AutoCloseable {
  /** One POST as received. */
  public record Received(String path, Map<String, List<String>> headers, String body) {
    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  private final HttpServer server;
  private final Map<String, BlockingQueue<Received>> received = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

  public WebhookReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
          AtomicInteger failures = failuresLeft.get(path);
          int status = failures != null && failures.getAndDecrement() > 0 ? 500 : 200;
          if (status == 200) {
            queue(path).add(new Received(path, Map.copyOf(exchange.getRequestHeaders()), body));
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
  }

  /** The URL of a path on this server. */
  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** The path answers 500 this many times before it takes a POST. */
  public void failFirst(String path, int times) {
    failuresLeft.put(path, new AtomicInteger(times));
  }

  /** How many requests reached the path, answered or not. */
  public int requests(String path) {
    AtomicInteger count = requests.get(path);
    return count == null ? 0 : count.get();
  }

  /** The next POST the path took, waiting up to max. */
  public Received next(String path, Duration max) throws InterruptedException {
    Received next = queue(path).poll(max.toMillis(), TimeUnit.MILLISECONDS);
    if (next == null) {
      throw new AssertionError("no POST reached " + path + " within " + max);
    }
    return next;
  }

  /** The POSTs the path took and nobody read yet. */
  public List<Received> unread(String path) {
    List<Received> all = new ArrayList<>();
    queue(path).drainTo(all);
    return all;
  }

  private BlockingQueue<Received> queue(String path) {
    return received.computeIfAbsent(path, p -> new LinkedBlockingQueue<>());
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
