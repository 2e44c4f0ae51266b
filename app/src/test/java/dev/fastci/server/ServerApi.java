package dev.fastci.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;

/** A small client of the server's HTTP API for the integration tests: plain JDK HttpClient. */
public final class ServerApi {
  static final Set<String> FINAL_RUN_STATUSES = Set.of("SUCCEEDED", "FAILED", "CANCELLED");
  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String token;
  private final List<String> submitted = java.util.Collections.synchronizedList(new ArrayList<>());

  public ServerApi(String base, String token) {
    this.base = base;
    this.token = token;
  }

  public String base() {
    return base;
  }

  public HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    return token == null ? builder : builder.header("Authorization", "Bearer " + token);
  }

  public HttpResponse<String> get(String path) {
    return send(request(path).GET().build());
  }

  public HttpResponse<String> post(String path, String body) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  public HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    try {
      return http.send(request, handler);
    } catch (IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Waits until the server in that process answers /api/health. */
  void awaitHealthy(FastciProcess server) {
    server.awaitWhileAlive(
        "answers /api/health",
        Duration.ofSeconds(60),
        () -> {
          try {
            return get("/api/health").statusCode() == 200;
          } catch (UncheckedIOException notYet) {
            return false;
          }
        });
  }

  public static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + response.body(), e);
    }
  }

  /** Submits a spec and returns the new run's id; fails unless the answer is 201. */
  public String submit(String spec) {
    HttpResponse<String> response = post("/api/pipelines", spec);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    String id = json(response).get("id").asText();
    submitted.add(id);
    return id;
  }

  /** The ids of the runs this client submitted. */
  List<String> submitted() {
    return List.copyOf(submitted);
  }

  public JsonNode detail(String id) {
    HttpResponse<String> response = get("/api/pipelines/" + id);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response);
  }

  public static JsonNode job(JsonNode detail, String name) {
    for (JsonNode job : detail.get("jobs")) {
      if (job.get("name").asText().equals(name)) {
        return job;
      }
    }
    throw new AssertionError("no job " + name + " in " + detail);
  }

  /** Polls the run until it has ended (with at least this attempt); returns its detail. */
  public JsonNode awaitEnd(String id, int attempt, Duration max) {
    JsonNode end =
        awaitDetail(
            id,
            max,
            "run ends with attempt >= " + attempt,
            detail ->
                detail.get("attempt").asInt() >= attempt
                    && FINAL_RUN_STATUSES.contains(detail.get("status").asText()));
    assertThat(end.hasNonNull("finishedAt")).as("an ended run has finishedAt: %s", end).isTrue();
    return end;
  }

  public JsonNode awaitEnd(String id) {
    return awaitEnd(id, 1, Duration.ofSeconds(60));
  }

  /** Polls until the job has this status; returns the run's detail. */
  public JsonNode awaitJob(String id, String job, String status) {
    return awaitDetail(
        id,
        Duration.ofSeconds(30),
        "job " + job + " is " + status,
        detail -> job(detail, job).get("status").asText().equals(status));
  }

  /** Polls GET /api/pipelines/{id} until the condition holds; the failure shows the last answer. */
  public JsonNode awaitDetail(String id, Duration max, String what, Predicate<JsonNode> condition) {
    AtomicReference<JsonNode> last = new AtomicReference<>();
    try {
      await()
          .atMost(max)
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                JsonNode detail = detail(id);
                last.set(detail);
                return condition.test(detail);
              });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "run " + id + ": expected within " + max + " that " + what + "; last: " + last.get(), e);
    }
    return last.get();
  }

  /** The body of a GET of {@code path}; must answer 200. */
  public String text(String path) {
    HttpResponse<String> response = get(path);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }

  /** A job attempt's log (the latest attempt when {@code attempt} is null); must answer 200. */
  public String log(String id, String job, Integer attempt) {
    return logWith(id, job, attempt == null ? null : "attempt=" + attempt);
  }

  /** A job's log with this query ({@code attempt=2&try=1}, or null); must answer 200. */
  public String logWith(String id, String job, String query) {
    return text(
        "/api/pipelines/" + id + "/jobs/" + job + "/log" + (query == null ? "" : "?" + query));
  }
}
