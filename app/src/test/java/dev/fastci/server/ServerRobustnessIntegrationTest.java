package dev.fastci.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.fastci.backend.Labels;
import dev.fastci.backend.docker.DockerClients;
import dev.fastci.testing.DockerEngine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Correctness bounds of a real server (random port, embedded Temporal, its worker, real Docker),
 * driven only through HTTP: that no container or pipeline dir is left over many mixed runs, and
 * that a burst of concurrent submissions all run. The {@code timing} tests (how fast a cancel
 * reaches the container at p95; that threads and file descriptors settle after many runs) run in
 * their own Failsafe execution that reports and never fails the build. Each prints its figures.
 */
@ExtendWith(DockerEngine.class)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "fastci.api-token=" + ServerRobustnessIntegrationTest.TOKEN,
      "fastci.worker.host-id=robust-host",
      "fastci.volumes.allowed-roots=/tmp"
    })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServerRobustnessIntegrationTest {
  static final String TOKEN = "robust-token";

  @TempDir static Path dataDir;

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) {
    registry.add("fastci.data-dir", () -> dataDir.toString());
  }

  @LocalServerPort int port;
  @Autowired FastciProperties properties;

  private static DockerClient docker;
  private final Set<String> submitted = ConcurrentHashMap.newKeySet();
  private ServerApi api;

  @BeforeAll
  static void dockerClient() {
    docker = DockerClients.streaming();
  }

  @AfterAll
  static void closeDocker() throws IOException {
    docker.close();
  }

  @BeforeEach
  void client() {
    api = new ServerApi("http://127.0.0.1:" + port, TOKEN);
  }

  @AfterEach
  void removeWhatAFailedTestLeft() {
    submitted.forEach(JobContainersOnDocker::removeAllOf);
  }

  // ---------------------------------------------------------------- cancel speed

  @Test
  @Tag("timing")
  @Order(1)
  void cancelReachesTheContainerWithinTwoSecondsAtP95() {
    int trials = 20;
    List<Long> millis = new ArrayList<>();
    for (int trial = 0; trial < trials; trial++) {
      String id = submit(pipeline("cancel-speed", false, job("sleeper", "\"sleep 60\"", null)));
      JobContainersOnDocker.awaitRunning(id, "sleeper", 1);

      HttpResponse<String> cancel = api.post("/api/pipelines/" + id + "/cancel", null);
      long answered = System.nanoTime();
      assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(202);
      await()
          .atMost(Duration.ofSeconds(15))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> containersOfRun(id).isEmpty());
      millis.add((System.nanoTime() - answered) / 1_000_000);
      assertThat(api.awaitEnd(id).get("status").asText()).isEqualTo("CANCELLED");
    }
    Collections.sort(millis);
    long p50 = percentile(millis, 50);
    long p95 = percentile(millis, 95);
    long max = millis.get(millis.size() - 1);
    System.out.printf(
        "FIGURES cancel: trials=%d p50=%d ms p95=%d ms max=%d ms (all: %s)%n",
        trials, p50, p95, max, millis);
    assertThat(p95).as("p95 ms from the 202 to no container of the run").isLessThan(2000);
  }

  /** Nearest-rank percentile of sorted values. */
  private static long percentile(List<Long> sorted, int percent) {
    int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  // ---------------------------------------------------------------- no leaks

  private enum Kind {
    SUCCEED,
    FAIL,
    TIMEOUT,
    CANCEL
  }

  @Test
  @Order(2)
  void manyMixedRunsLeaveNoContainerOrPipelineDirBehind() throws Exception {
    long started = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(10);
    try {
      List<String> ids = runMixed(pool, 100, "mixed");

      int keptDirs = assertNothingLeftBehind(ids);
      System.out.printf(
          "FIGURES leaks: runs=%d (25 each: succeed, fail, timeout, cancel) containers left=%d"
              + " kept dirs=%d wall=%d ms%n",
          ids.size(),
          storeContainers().size(),
          keptDirs,
          (System.nanoTime() - started) / 1_000_000);
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  @Test
  @Tag("timing")
  @Order(3)
  void manyMixedRunsLeaveNoThreadOrFileDescriptorBehind() throws Exception {
    long started = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(10);
    try {
      // Warm up: the server's pools (HTTP, Temporal, Docker connections) reach their working size.
      runMixed(pool, 12, "warm-up");
      settle();
      int threadsBefore = threads();
      long fdsBefore = openFds();

      List<String> ids = runMixed(pool, 100, "mixed");

      int keptDirs = assertNothingLeftBehind(ids);
      int threadsAfter = threads();
      long fdsAfter = openFds();
      try {
        await()
            .atMost(Duration.ofSeconds(20))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> threads() <= threadsBefore + 10 && openFds() <= fdsBefore + 20);
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        // asserted below, with the figures
      }
      int threadsSettled = threads();
      long fdsSettled = openFds();
      System.out.printf(
          "FIGURES leaks: runs=%d (25 each: succeed, fail, timeout, cancel) containers left=%d"
              + " kept dirs=%d threads before=%d right after=%d settled=%d"
              + " fds before=%d right after=%d settled=%d wall=%d ms%n",
          ids.size(),
          storeContainers().size(),
          keptDirs,
          threadsBefore,
          threadsAfter,
          threadsSettled,
          fdsBefore,
          fdsAfter,
          fdsSettled,
          (System.nanoTime() - started) / 1_000_000);
      assertThat(threadsSettled).as("live threads").isLessThanOrEqualTo(threadsBefore + 10);
      assertThat(fdsSettled).as("open file descriptors").isLessThanOrEqualTo(fdsBefore + 20);
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  /**
   * No container of this server or of the runs is left, and every pipeline dir left is kept for a
   * finished run's retries. Returns how many dirs are kept.
   */
  private int assertNothingLeftBehind(List<String> ids) throws IOException {
    assertThat(storeContainers()).as("FastCI containers of this server").isEmpty();
    for (String id : ids) {
      assertThat(containersOfRun(id)).as("containers of run %s", id).isEmpty();
    }
    Path pipelines = dataDir.resolve("pipelines");
    List<String> strays = new ArrayList<>();
    int keptDirs = 0;
    try (Stream<Path> entries = Files.list(pipelines)) {
      for (Path entry : entries.toList()) {
        String name = entry.getFileName().toString();
        if (name.equals(".finished")) {
          continue;
        }
        boolean kept =
            submitted.contains(name)
                && Files.exists(pipelines.resolve(".finished").resolve(name))
                && finalStatus(api.detail(name).get("status").asText());
        if (kept) {
          keptDirs++;
        } else {
          strays.add(name);
        }
      }
    }
    assertThat(strays).as("pipeline dirs not kept for a finished run's retries").isEmpty();
    return keptDirs;
  }

  /**
   * Runs {@code count} pipelines, a quarter of each kind, at most the pool's size at a time; every
   * fifth has a pipeline dir. Returns their ids once all have ended as their kind should.
   */
  private List<String> runMixed(ExecutorService pool, int count, String name) throws Exception {
    List<Future<String>> runs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Kind kind = Kind.values()[i % Kind.values().length];
      boolean withDir = i % 5 == 0;
      runs.add(pool.submit(() -> runOne(name + "-" + kind.name().toLowerCase(), kind, withDir)));
    }
    List<String> ids = new ArrayList<>();
    for (Future<String> run : runs) {
      ids.add(run.get(120, TimeUnit.SECONDS));
    }
    return ids;
  }

  private String runOne(String name, Kind kind, boolean withDir) {
    String job =
        switch (kind) {
          case SUCCEED -> job("j", "\"true\"", null);
          case FAIL -> job("j", "[\"sh\", \"-c\", \"exit 1\"]", null);
          case TIMEOUT -> job("j", "\"sleep 5\"", "\"timeout_secs\": 0.5");
          case CANCEL -> job("j", "\"sleep 30\"", null);
        };
    String id = submit(pipeline(name, withDir, job));
    if (kind == Kind.CANCEL) {
      api.awaitJob(id, "j", "RUNNING");
      HttpResponse<String> cancel = api.post("/api/pipelines/" + id + "/cancel", null);
      assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(202);
    }
    JsonNode end = api.awaitEnd(id, 1, Duration.ofSeconds(90));
    String expected =
        switch (kind) {
          case SUCCEED -> "SUCCEEDED";
          case FAIL, TIMEOUT -> "FAILED";
          case CANCEL -> "CANCELLED";
        };
    assertThat(end.get("status").asText()).as("%s", end).isEqualTo(expected);
    if (kind == Kind.TIMEOUT) {
      assertThat(ServerApi.job(end, "j").get("status").asText()).isEqualTo("TIMED_OUT");
    }
    return id;
  }

  private static int threads() {
    return ManagementFactory.getThreadMXBean().getThreadCount();
  }

  private static long openFds() throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    }
  }

  private static void settle() throws InterruptedException {
    Thread.sleep(3000);
  }

  // ---------------------------------------------------------------- load

  @Test
  @Order(4)
  void twoHundredConcurrentSubmissionsAllRunToTheirEnd() throws Exception {
    int count = 200;
    String name = "load-" + System.nanoTime();
    long totalBefore = total("");
    String spec = pipeline(name, false, job("ok", "\"true\"", null));
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    long started = System.nanoTime();
    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      HttpRequest request =
          api.request("/api/pipelines")
              .timeout(Duration.ofSeconds(60))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(spec))
              .build();
      calls.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
    }
    Map<Integer, Integer> statuses = new java.util.TreeMap<>();
    for (CompletableFuture<HttpResponse<String>> call : calls) {
      HttpResponse<String> response = call.get(90, TimeUnit.SECONDS);
      statuses.merge(response.statusCode(), 1, Integer::sum);
      if (response.statusCode() == 201) {
        submitted.add(ServerApi.json(response).get("id").asText());
      }
    }
    long submittedMs = (System.nanoTime() - started) / 1_000_000;
    assertThat(statuses).as("answers by status").doesNotContainKey(500).containsEntry(201, count);

    await()
        .atMost(Duration.ofSeconds(150))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> total("?name=" + name + "&status=SUCCEEDED") == count);
    long wallMs = (System.nanoTime() - started) / 1_000_000;

    assertThat(total("?name=" + name)).as("runs of the burst").isEqualTo(count);
    assertThat(total("")).as("runs in the store").isEqualTo(totalBefore + count);
    System.out.printf(
        "FIGURES load: submissions=%d answers=%s all submitted in %d ms, all finished in %d ms"
            + " (%d cores)%n",
        count, statuses, submittedMs, wallMs, Runtime.getRuntime().availableProcessors());
    assertThat(storeContainers()).as("FastCI containers of this server").isEmpty();
  }

  private long total(String query) {
    String sep = query.isEmpty() ? "?" : "&";
    HttpResponse<String> response = api.get("/api/pipelines" + query + sep + "limit=1");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return ServerApi.json(response).get("total").asLong();
  }

  // ---------------------------------------------------------------- helpers

  private static boolean finalStatus(String status) {
    return ServerApi.FINAL_RUN_STATUSES.contains(status);
  }

  /** Thread-safe submit: 201 or the test fails. */
  private String submit(String spec) {
    HttpResponse<String> response = api.post("/api/pipelines", spec);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    String id = ServerApi.json(response).get("id").asText();
    submitted.add(id);
    return id;
  }

  private static String job(String name, String commandJson, String extra) {
    return "{\"name\": \""
        + name
        + "\", \"image\": \""
        + DockerEngine.IMAGE
        + "\", \"command\": "
        + commandJson
        + (extra == null ? "" : ", " + extra)
        + "}";
  }

  private static String pipeline(String name, boolean pipelineDir, String... jobs) {
    return "{\"name\": \""
        + name
        + "\", \"setup_pipeline_dir\": "
        + pipelineDir
        + ", \"jobs\": ["
        + String.join(", ", jobs)
        + "]}";
  }

  private static List<Container> containersOfRun(String runId) {
    return docker
        .listContainersCmd()
        .withShowAll(true)
        .withLabelFilter(Map.of(Labels.MANAGED, "true", Labels.RUN, runId))
        .exec();
  }

  /** Every FastCI container of this server (other servers may share the engine). */
  private List<Container> storeContainers() {
    return docker
        .listContainersCmd()
        .withShowAll(true)
        .withLabelFilter(Map.of(Labels.MANAGED, "true", Labels.STORE, properties.storeLabel()))
        .exec()
        .stream()
        .filter(c -> !DockerEngine.isWarmPool(c)) // the worker's, kept for its next runs
        .toList();
  }
}
