package dev.fastci.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fastci.testing.DockerEngine;
import dev.fastci.testing.GitRepos;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The server's HTTP API end to end: a real Spring Boot server on a random port with the embedded
 * Temporal, its worker and the real Docker engine, driven only through HTTP.
 */
@ExtendWith(DockerEngine.class)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "fastci.api-token=" + ServerApiIntegrationTest.TOKEN,
      "fastci.worker.host-id=it-host",
      // the tests' volumes are temp dirs
      "fastci.volumes.allowed-roots=${java.io.tmpdir}"
    })
@DirtiesContext(
    classMode = DirtiesContext.ClassMode.AFTER_CLASS) // stop the engine before the data dir goes
class ServerApiIntegrationTest {
  static final String TOKEN = "it-token";
  private static final String IMAGE = DockerEngine.IMAGE;

  @TempDir static Path dataDir;

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) {
    registry.add("fastci.data-dir", () -> dataDir.toString());
  }

  @LocalServerPort int port;
  @TempDir Path work;
  private ServerApi api;

  @BeforeEach
  void client() {
    api = new ServerApi("http://127.0.0.1:" + port, TOKEN);
  }

  @AfterEach
  void removeWhatAFailedTestLeft() {
    api.submitted().forEach(JobContainersOnDocker::removeAllOf);
  }

  private static void assertNoContainersOf(String runId) {
    assertThat(DockerEngine.fastciContainers(runId)).as("containers of run " + runId).isEmpty();
  }

  /** A job as JSON; a command given as several strings is used as argv. */
  private static String job(String name, String... command) {
    return jobWith(name, null, command);
  }

  /** A job with more fields ({@code extra} is JSON members, like {@code "timeout_secs":1}). */
  private static String jobWith(String name, String extra, String... command) {
    StringBuilder argv = new StringBuilder();
    for (String arg : command) {
      argv.append(argv.isEmpty() ? "" : ",").append(quote(arg));
    }
    return "{\"name\":"
        + quote(name)
        + ",\"image\":"
        + quote(IMAGE)
        + ",\"command\":["
        + argv
        + "]"
        + (extra == null ? "" : "," + extra)
        + "}";
  }

  private static String quote(String text) {
    try {
      return ServerApi.JSON.writeValueAsString(text);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pipeline(String name, String extra, String parents, String... jobs) {
    return "{\"name\":"
        + quote(name)
        + ",\"jobs\":["
        + String.join(",", jobs)
        + "]"
        + (parents == null ? "" : ",\"parents\":" + parents)
        + (extra == null ? "" : "," + extra)
        + "}";
  }

  private static String status(JsonNode detail, String job) {
    return ServerApi.job(detail, job).get("status").asText();
  }

  @Test
  void jobsShareThePipelineDir() {
    String id =
        api.submit(
            pipeline(
                "shared-dir",
                "\"setup_pipeline_dir\":true",
                "{\"b\":[\"a\"]}",
                job("a", "sh", "-c", "echo shared-content-42 > /fastci/pipeline/x"),
                job("b", "cat", "/fastci/pipeline/x")));

    JsonNode end = api.awaitEnd(id);

    assertThat(end.get("status").asText()).as("%s", end).isEqualTo("SUCCEEDED");
    assertThat(status(end, "a")).isEqualTo("SUCCEEDED");
    assertThat(status(end, "b")).isEqualTo("SUCCEEDED");
    assertThat(ServerApi.job(end, "b").get("host").asText()).isEqualTo("it-host");
    assertThat(api.log(id, "b", null)).contains("shared-content-42");
    assertNoContainersOf(id);
  }

  @Test
  void repoModeRunsInTheCheckoutOfTheGivenCommit() throws Exception {
    Path repo = work.resolve("repo");
    String first = GitRepos.withVersions(repo, "one", "two").get(0);

    String id =
        api.submit(
            pipeline(
                "repo-mode",
                "\"repo_url\":" + quote(repo.toString()) + ",\"commit_hash\":" + quote(first),
                null,
                "{\"name\":\"version\",\"image\":\"busybox:latest\",\"command\":\"cat version.txt\"}"));

    JsonNode end = api.awaitEnd(id);

    assertThat(end.get("status").asText()).as("%s", end).isEqualTo("SUCCEEDED");
    assertThat(api.log(id, "version", null)).isEqualTo("one\n");
    assertNoContainersOf(id);
  }

  @Test
  void jobOverItsTimeoutIsTimedOutAndTheRunFailed() {
    long start = System.nanoTime();
    String id =
        api.submit(
            pipeline("timeout", null, null, jobWith("slow", "\"timeout_secs\":1", "sleep", "30")));

    JsonNode end = api.awaitEnd(id, 1, Duration.ofSeconds(25));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    System.out.println(
        "timeout_secs=1 of sleep 30: the run ended after " + took.toMillis() + " ms");
    assertThat(end.get("status").asText()).as("%s", end).isEqualTo("FAILED");
    assertThat(status(end, "slow")).isEqualTo("TIMED_OUT");
    assertThat(took).as("killed long before sleep 30 ends").isLessThan(Duration.ofSeconds(25));
    assertThat(api.log(id, "slow", null)).contains("timeout_secs=1");
    assertNoContainersOf(id);
  }

  @Test
  void cancellingARunKillsItsContainerAtOnce() {
    String id = api.submit(pipeline("cancel-run", null, null, job("sleeper", "sleep", "60")));
    JobContainersOnDocker.awaitRunning(id, "sleeper", 1);

    HttpResponse<String> cancel = api.post("/api/pipelines/" + id + "/cancel", null);
    long cancelled = System.nanoTime();

    assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(202);
    // far sooner than the job's sleep 60; ServerRobustnessIntegrationTest's timing test measures
    // the p95 of this latency
    await()
        .alias("the container is gone within 10 s of the 202")
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> DockerEngine.fastciContainers(id).isEmpty());
    System.out.println(
        "run cancel over HTTP: container gone "
            + Duration.ofNanos(System.nanoTime() - cancelled).toMillis()
            + " ms after the 202");
    JsonNode end = api.awaitEnd(id, 1, Duration.ofSeconds(15));
    assertThat(end.get("status").asText()).as("%s", end).isEqualTo("CANCELLED");
    assertThat(status(end, "sleeper")).isEqualTo("CANCELLED");
    HttpResponse<String> again = api.post("/api/pipelines/" + id + "/cancel", null);
    assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
    assertNoContainersOf(id);
  }

  @Test
  void cancellingAJobSkipsItsDescendantsAndOtherBranchesGoOn() {
    String id =
        api.submit(
            pipeline(
                "cancel-job",
                null,
                "{\"child\":[\"long\"]}",
                job("long", "sleep", "60"),
                job("child", "echo", "never printed"),
                job("other", "sh", "-c", "sleep 1; echo other done")));
    JobContainersOnDocker.awaitRunning(id, "long", 1);

    HttpResponse<String> cancel = api.post("/api/pipelines/" + id + "/jobs/long/cancel", null);

    assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(202);
    JsonNode end = api.awaitEnd(id, 1, Duration.ofSeconds(20));
    assertThat(status(end, "long")).as("%s", end).isEqualTo("CANCELLED");
    assertThat(status(end, "child")).as("%s", end).isEqualTo("SKIPPED");
    assertThat(status(end, "other")).as("%s", end).isEqualTo("SUCCEEDED");
    assertThat(end.get("status").asText()).as("%s", end).isEqualTo("CANCELLED");
    assertThat(api.log(id, "other", null)).contains("other done");
    assertNoContainersOf(id);
  }

  @Test
  void retryReRunsOnlyTheJobsThatDidNotSucceedAsTheNextAttempt() throws Exception {
    Path out = work.resolve("out");
    Files.createDirectories(out);
    String volume = "\"volumes\":[" + quote(out + ":/out") + "]";
    String id =
        api.submit(
            pipeline(
                "retry",
                null,
                "{\"child\":[\"parent\"]}",
                jobWith("parent", volume, "sh", "-c", "echo ran >> /out/parent"),
                jobWith(
                    "child",
                    volume,
                    "sh",
                    "-c",
                    "if test -f /out/second-time; then echo later attempt; else touch"
                        + " /out/second-time; echo first attempt; exit 1; fi")));

    JsonNode first = api.awaitEnd(id);
    assertThat(first.get("status").asText()).as("%s", first).isEqualTo("FAILED");
    assertThat(status(first, "child")).isEqualTo("FAILED");
    assertThat(ServerApi.job(first, "child").get("exitCode").asInt()).isEqualTo(1);

    HttpResponse<String> retry = api.post("/api/pipelines/" + id + "/retry", null);

    assertThat(retry.statusCode()).as(retry.body()).isEqualTo(202);
    assertThat(ServerApi.json(retry).get("attempt").asInt()).isEqualTo(2);
    JsonNode second = api.awaitEnd(id, 2, Duration.ofSeconds(30));
    assertThat(second.get("status").asText()).as("%s", second).isEqualTo("SUCCEEDED");
    assertThat(second.get("attempt").asInt()).isEqualTo(2);
    assertThat(status(second, "parent")).isEqualTo("SUCCEEDED");
    assertThat(ServerApi.job(second, "parent").get("attempt").asInt()).isEqualTo(1);
    assertThat(status(second, "child")).isEqualTo("SUCCEEDED");
    assertThat(ServerApi.job(second, "child").get("attempt").asInt()).isEqualTo(2);
    assertThat(Files.readAllLines(out.resolve("parent"))).as("the parent ran once").hasSize(1);
    assertThat(api.log(id, "child", 1)).contains("first attempt");
    assertThat(api.log(id, "child", 2)).contains("later attempt");
    assertThat(api.log(id, "child", null)).contains("later attempt");

    HttpResponse<String> retryJob = api.post("/api/pipelines/" + id + "/jobs/child/retry", null);

    assertThat(retryJob.statusCode()).as(retryJob.body()).isEqualTo(202);
    assertThat(ServerApi.json(retryJob).get("attempt").asInt()).isEqualTo(3);
    JsonNode third = api.awaitEnd(id, 3, Duration.ofSeconds(30));
    assertThat(third.get("status").asText()).as("%s", third).isEqualTo("SUCCEEDED");
    assertThat(ServerApi.job(third, "child").get("attempt").asInt()).isEqualTo(3);
    assertThat(ServerApi.job(third, "parent").get("attempt").asInt()).isEqualTo(1);
    assertThat(Files.readAllLines(out.resolve("parent"))).as("the parent ran once").hasSize(1);
    assertThat(api.log(id, "child", 1)).contains("first attempt");
    assertThat(api.log(id, "child", 3)).contains("later attempt");
    assertNoContainersOf(id);
  }

  @Test
  void unknownIdIs404WithoutTokenIs401AndInvalidSpecIs400WithNothingStarted() {
    HttpResponse<String> unknown = api.get("/api/pipelines/no-such-run");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(ServerApi.json(unknown).get("error").asText()).contains("no-such-run");
    assertThat(api.post("/api/pipelines/no-such-run/cancel", null).statusCode()).isEqualTo(404);
    assertThat(api.post("/api/pipelines/no-such-run/retry", null).statusCode()).isEqualTo(404);
    assertThat(api.get("/api/pipelines/no-such-run/jobs/a/log").statusCode()).isEqualTo(404);

    ServerApi anonymous = new ServerApi(api.base(), null);
    assertThat(anonymous.get("/api/pipelines").statusCode()).isEqualTo(401);
    assertThat(
            anonymous
                .post("/api/pipelines", pipeline("x", null, null, job("a", "true")))
                .statusCode())
        .isEqualTo(401);
    assertThat(new ServerApi(api.base(), "wrong-token").get("/api/pipelines").statusCode())
        .isEqualTo(401);
    assertThat(anonymous.get("/api/health").statusCode()).isEqualTo(200);

    long before = total("");
    HttpResponse<String> invalid =
        api.post(
            "/api/pipelines",
            "{\"name\":\"invalid\",\"jobs\":[{\"name\":\"a\",\"image\":\"busybox:latest\","
                + "\"command\":\"true\",\"timeout_secs\":-1},{\"name\":\"b\",\"command\":\"true\"}],"
                + "\"parents\":{\"a\":[\"x\"]}}");

    assertThat(invalid.statusCode()).as(invalid.body()).isEqualTo(400);
    JsonNode errors = ServerApi.json(invalid).get("errors");
    List<String> paths = new ArrayList<>();
    for (JsonNode error : errors) {
      assertThat(error.get("message").asText()).isNotBlank();
      paths.add(error.get("path").asText());
    }
    assertThat(paths).contains("jobs[0].timeout_secs", "parents.a").hasSizeGreaterThanOrEqualTo(3);
    assertThat(total("")).isEqualTo(before);
    assertThat(total("?name=invalid")).isZero();
  }

  private long total(String query) {
    HttpResponse<String> list = api.get("/api/pipelines" + query);
    assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
    return ServerApi.json(list).get("total").asLong();
  }

  @Test
  void listShowsRunsNewestFirstWithTheTotal() throws Exception {
    String name = "list-" + System.nanoTime();
    String older = api.submit(pipeline(name, null, null, job("a", "true")));
    Thread.sleep(20); // distinct creation times
    String newer = api.submit(pipeline(name, null, null, job("a", "true")));
    api.awaitEnd(older);
    api.awaitEnd(newer);

    HttpResponse<String> named = api.get("/api/pipelines?name=" + name);
    assertThat(named.statusCode()).as(named.body()).isEqualTo(200);
    JsonNode page = ServerApi.json(named);
    assertThat(page.get("total").asLong()).isEqualTo(2);
    List<String> ids = new ArrayList<>();
    page.get("items").forEach(item -> ids.add(item.get("id").asText()));
    assertThat(ids).containsExactly(newer, older);
    JsonNode item = page.get("items").get(0);
    assertThat(item.get("name").asText()).isEqualTo(name);
    assertThat(item.get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(item.get("attempt").asInt()).isEqualTo(1);
    assertThat(item.get("createdAt").asText()).endsWith("Z");
    assertThat(item.hasNonNull("startedAt")).isTrue();
    assertThat(item.hasNonNull("finishedAt")).isTrue();

    JsonNode all = ServerApi.json(api.get("/api/pipelines?limit=500"));
    List<String> allIds = new ArrayList<>();
    all.get("items").forEach(i -> allIds.add(i.get("id").asText()));
    assertThat(allIds.indexOf(newer)).isNotNegative().isLessThan(allIds.indexOf(older));
    assertThat(all.get("total").asLong()).isEqualTo(allIds.size());

    JsonNode firstOnly =
        ServerApi.json(api.get("/api/pipelines?name=" + name + "&limit=1&offset=1"));
    assertThat(firstOnly.get("total").asLong()).isEqualTo(2);
    assertThat(firstOnly.get("items")).hasSize(1);
    assertThat(firstOnly.get("items").get(0).get("id").asText()).isEqualTo(older);
    assertNoContainersOf(older);
    assertNoContainersOf(newer);
  }

  @Test
  void followedLogStreamsLinesAsTheyComeAndEndsWithTheJob() throws Exception {
    String id =
        api.submit(
            pipeline("follow", null, null, job("talk", "sh", "-c", "echo a; sleep 2; echo b")));

    HttpRequest follow =
        api.request("/api/pipelines/" + id + "/jobs/talk/log?follow=true").GET().build();
    HttpResponse<InputStream> response =
        api.send(follow, HttpResponse.BodyHandlers.ofInputStream());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
    List<String> lines = new ArrayList<>();
    List<Long> arrivals = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        lines.add(line);
        arrivals.add(System.nanoTime());
      }
    }
    long ended = System.nanoTime();

    assertThat(lines).containsExactly("a", "b");
    assertThat(Duration.ofNanos(arrivals.get(1) - arrivals.get(0)))
        .as("a arrives before b is written")
        .isGreaterThan(Duration.ofMillis(1000));
    Duration afterLast = Duration.ofNanos(ended - arrivals.get(1));
    System.out.println("followed log: the stream ended " + afterLast.toMillis() + " ms after b");
    assertThat(afterLast).as("the stream ends with the job").isLessThan(Duration.ofSeconds(10));
    JsonNode detail = api.detail(id);
    assertThat(status(detail, "talk")).as("the stream ended with the job").isEqualTo("SUCCEEDED");
    api.awaitEnd(id);
    assertNoContainersOf(id);
  }
}
