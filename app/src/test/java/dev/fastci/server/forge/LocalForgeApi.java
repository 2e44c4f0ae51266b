package dev.fastci.server.forge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A forge's status API, served locally because the tests cannot reach a real forge: it records
 * every status posted (after checking the token's header), and can play a forge that is down for a
 * number of calls.
 */
public final class LocalForgeApi implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A status the API took: the path it was posted to and its JSON body. */
  public record Posted(String path, JsonNode body) {
    public String state() {
      return body.path("state").asText();
    }

    public String context() {
      return body.has("context") ? body.path("context").asText() : body.path("name").asText();
    }
  }

  private final HttpServer server;
  private final String authHeader;
  private final String authValue;
  private final List<Posted> posted = new CopyOnWriteArrayList<>();
  private final List<String> refused = new CopyOnWriteArrayList<>();
  private final AtomicInteger downFor = new AtomicInteger();

  private LocalForgeApi(String authHeader, String authValue) throws IOException {
    this.authHeader = authHeader;
    this.authValue = authValue;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** An API that takes only calls whose {@code authHeader} is {@code authValue}. */
  public static LocalForgeApi start(String authHeader, String authValue) throws IOException {
    return new LocalForgeApi(authHeader, authValue);
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The next {@code calls} calls are answered 503, as by a forge that is down. */
  public void downFor(int calls) {
    downFor.set(calls);
  }

  public List<Posted> posted() {
    return List.copyOf(posted);
  }

  /** The statuses posted for one context, oldest first. */
  public List<Posted> posted(String context) {
    return posted.stream().filter(p -> p.context().equals(context)).toList();
  }

  /** The calls answered with an error: "503 /repos/...", "401 /repos/...". */
  public List<String> refused() {
    return List.copyOf(refused);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getRawPath();
      byte[] body = exchange.getRequestBody().readAllBytes();
      int answer;
      if (downFor.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        answer = 503;
      } else if (!authValue.equals(exchange.getRequestHeaders().getFirst(authHeader))) {
        answer = 401;
      } else if (!exchange.getRequestMethod().equals("POST") || !path.contains("/statuses/")) {
        answer = 404;
      } else {
        posted.add(new Posted(path, JSON.readTree(body)));
        answer = 201;
      }
      if (answer != 201) {
        refused.add(answer + " " + path);
      }
      byte[] reply =
          (answer == 201 ? "{}" : "{\"message\":\"no\"}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(answer, reply.length);
      exchange.getResponseBody().write(reply);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
