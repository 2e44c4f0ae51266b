package dev.fastci.server.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fastci.server.runs.RunDetail;
import dev.fastci.server.runs.RunService;
import dev.fastci.server.runs.RunStore;
import dev.fastci.server.runs.RunSummary;
import dev.fastci.server.schedules.RepoSchedules;
import dev.fastci.server.schedules.Schedule;
import dev.fastci.server.schedules.Schedules;
import dev.fastci.testing.DockerEngine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A real bare repository with the hook installed by {@code fastci hook install}, and real {@code
 * git push}es to it: each push starts the pipelines of the pushed commit, which see its tree.
 */
@ExtendWith(DockerEngine.class)
@SpringBootTest(
    classes = dev.fastci.server.FastciServerApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GitPushIntegrationTest {
  private static final String SECRET = "push-secret";
  private static final Path DATA_DIR = tempDir();

  /** The one repository whose pushed pipelines may mount host paths. */
  private static final Path TRUSTED_REPO = DATA_DIR.resolveSibling(DATA_DIR.getFileName() + ".git");

  @LocalServerPort int port;
  @Autowired RunStore store;
  @Autowired RunService runs;
  @Autowired Schedules schedules;
  @Autowired RepoSchedules repoSchedules;
  @TempDir Path work;
  private Path bare;
  private Path clone;

  @DynamicPropertySource
  static void server(DynamicPropertyRegistry registry) {
    registry.add("fastci.data-dir", DATA_DIR::toString);
    registry.add("fastci.hook-secret", () -> SECRET);
    registry.add("fastci.volumes.allowed-roots", () -> System.getProperty("java.io.tmpdir"));
    registry.add("fastci.git.trusted-repos", TRUSTED_REPO::toString);
  }

  @BeforeEach
  void repositoryWithTheHook() throws Exception {
    bare = work.resolve("origin.git");
    GitCli.ok(work, "init", "-q", "--bare", bare.toString());
    assertThat(install(bare, "http://127.0.0.1:" + port)).isZero();
    clone = work.resolve("clone");
    GitCli.ok(work, "clone", "-q", bare.toString(), clone.toString());
  }

  @Test
  void pushStartsEveryPipelineFileAtThePushedCommitAndTheySeeItsTree() throws Exception {
    write(".fastci/ci.json", pipeline("from-fastci-dir", "cat version.txt"));
    write("fastci_pipelines/build_pipeline.json", pipeline("from-original-dir", "cat version.txt"));
    write("version.txt", "one\n");
    String first = commit("first");
    int before = (int) store.count(null, null);
    String pushed = GitCli.ok(clone, "push", "origin", "main");
    assertThat(pushed).contains("fastci: started 2 pipeline(s) for refs/heads/main");

    List<RunDetail> started = awaitRuns(before + 2).subList(0, 2);
    assertThat(started)
        .extracting(RunDetail::name)
        .containsExactlyInAnyOrder("from-fastci-dir", "from-original-dir");
    for (RunDetail run : started) {
      assertThat(run.status().name()).isEqualTo("SUCCEEDED");
      assertThat(run.trigger().path("type").asText()).isEqualTo("push");
      assertThat(run.trigger().path("ref").asText()).isEqualTo("refs/heads/main");
      assertThat(run.trigger().path("after").asText()).isEqualTo(first);
      assertThat(run.spec().path("commit_hash").asText()).isEqualTo(first);
      assertThat(log(run, "show")).isEqualTo("one\n");
    }

    write("version.txt", "two\n");
    commit("second");
    GitCli.ok(clone, "push", "origin", "main");
    assertThat(awaitRuns(before + 4).subList(0, 2))
        .allSatisfy(run -> assertThat(log(run, "show")).isEqualTo("two\n"));
  }

  @Test
  void branchFilterAndDeletedBranchesStartNothingElse() throws Exception {
    write(
        ".fastci/release.json",
        "{\"name\": \"release-only\", \"on\": {\"branches\": [\"release/*\"]},"
            + " \"jobs\": [{\"name\": \"show\", \"image\": \"busybox:latest\", \"command\": \"true\"}]}");
    commit("release pipeline");
    long before = store.count(null, null);
    GitCli.ok(clone, "push", "origin", "main");
    assertThat(store.count(null, null)).isEqualTo(before);

    GitCli.ok(clone, "push", "origin", "main:release/1.0");
    awaitRuns((int) before + 1);
    assertThat(store.list(null, null, 1, 0).get(0).name()).isEqualTo("release-only");

    String deleted = GitCli.ok(clone, "push", "origin", "--delete", "release/1.0");
    assertThat(deleted).doesNotContain("warning");
    assertThat(store.count(null, null)).isEqualTo(before + 1);
  }

  @Test
  void untrustedRepoMayNotMountHostPathsTrustedOneMay() throws Exception {
    Path out = Files.createDirectories(work.resolve("out"));
    String mounting =
        "{\"name\": \"mounting\", \"jobs\": [{\"name\": \"show\", \"image\": \"busybox:latest\","
            + " \"volumes\": [\""
            + out
            + ":/out\"], \"command\": [\"sh\", \"-c\", \"echo pushed > /out/file\"]}]}";
    write(".fastci/mount.json", mounting);
    commit("mounts a host dir");
    long before = store.count(null, null);

    GitCli.Result untrusted = GitCli.run(clone, "push", "origin", "main");

    assertThat(untrusted.exitCode()).isZero();
    assertThat(untrusted.output())
        .contains("fastci: started 0 pipeline(s) for refs/heads/main")
        .contains(".fastci/mount.json")
        .contains("jobs[0].volumes[0]")
        .contains("fastci.git.trusted-repos");
    assertThat(store.count(null, null)).isEqualTo(before);
    assertThat(out.resolve("file")).doesNotExist();

    GitCli.ok(work, "init", "-q", "--bare", TRUSTED_REPO.toString());
    assertThat(install(TRUSTED_REPO, "http://127.0.0.1:" + port)).isZero();
    GitCli.ok(clone, "remote", "add", "trusted", TRUSTED_REPO.toString());
    String trusted = GitCli.ok(clone, "push", "trusted", "main");

    assertThat(trusted).contains("fastci: started 1 pipeline(s) for refs/heads/main");
    RunDetail run = awaitRuns((int) before + 1).get(0);
    assertThat(run.name()).isEqualTo("mounting");
    assertThat(run.status().name()).isEqualTo("SUCCEEDED");
    assertThat(out.resolve("file")).hasContent("pushed");
  }

  @Test
  void aPushedScheduleOfEveryMinuteStartsARunAtThePushedCommitAndGoesWithItsFile()
      throws Exception {
    // no branches: no push starts it; the entry names no branch: the default branch (HEAD, main)
    write(
        ".fastci/minutely.json",
        "{\"name\": \"minutely\", \"on\": {\"schedule\": [{\"cron\": \"* * * * *\"}]},"
            + " \"jobs\": [{\"name\": \"show\", \"image\": \"busybox:latest\","
            + " \"command\": \"cat version.txt\"}]}");
    write("version.txt", "scheduled\n");
    String commit = commit("a schedule");
    try {
      String pushed = GitCli.ok(clone, "push", "origin", "main");
      assertThat(pushed).contains("fastci: started 0 pipeline(s) for refs/heads/main");
      Schedule schedule =
          schedules.list().stream()
              .filter(s -> s.pipeline().equals("minutely"))
              .findFirst()
              .orElseThrow();
      assertThat(schedule.branch()).isEqualTo("main");
      assertThat(schedule.file()).isEqualTo(".fastci/minutely.json");

      // at most 60 s to the next minute, then the run on real Docker
      await()
          .atMost(Duration.ofSeconds(70))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> store.list(null, "minutely", 1, 0).stream().anyMatch(this::ended));
      RunDetail run = runs.detail(store.list(null, "minutely", 1, 0).get(0).id());
      assertThat(run.status().name()).isEqualTo("SUCCEEDED");
      assertThat(run.event()).isEqualTo("schedule");
      assertThat(run.branch()).isEqualTo("main");
      assertThat(run.trigger().path("schedule").asText()).isEqualTo(schedule.id());
      assertThat(run.trigger().path("file").asText()).isEqualTo(".fastci/minutely.json");
      assertThat(run.spec().path("commit_hash").asText()).isEqualTo(commit);
      assertThat(log(run, "show")).isEqualTo("scheduled\n");

      GitCli.ok(clone, "rm", "-q", ".fastci/minutely.json");
      commit("no schedule");
      GitCli.ok(clone, "push", "origin", "main");
      assertThat(schedules.list()).noneMatch(s -> s.pipeline().equals("minutely"));
    } finally {
      // it must not fire during the other tests, whatever happened
      schedules.list().stream()
          .filter(s -> s.pipeline().equals("minutely"))
          .forEach(s -> repoSchedules.branchDeleted(s.repo(), s.branch()));
    }
  }

  private boolean ended(RunSummary run) {
    return run.status().isFinal();
  }

  @Test
  void badSignatureIsAnswered401AndStartsNothing() throws Exception {
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/hooks/git"))
                    .header("X-FastCI-Signature", "sha256=" + "0".repeat(64))
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"repo\":\""
                                + bare
                                + "\",\"before\":\"a\",\"after\":\"b\",\"ref\":\"refs/heads/main\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(401);
  }

  @Test
  void pushSucceedsWhenTheServerIsDown() throws Exception {
    assertThat(install(bare, "http://127.0.0.1:9")).isZero();
    write("version.txt", "offline\n");
    commit("while the server is down");

    GitCli.Result push = GitCli.run(clone, "push", "origin", "main");

    assertThat(push.exitCode()).isZero();
    assertThat(push.output()).contains("fastci: warning");
    assertThat(GitCli.ok(bare, "log", "-1", "--format=%s")).contains("while the server is down");
  }

  private int install(Path repo, String url) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    return dev.fastci.cli.FastciMainAccess.run(
        new String[] {"hook", "install", repo.toString(), "--server", url, "--secret", SECRET},
        new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  private List<RunDetail> awaitRuns(int count) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                store.count(null, null) >= count
                    && store.list(null, null, count, 0).stream()
                        .allMatch(r -> r.status().isFinal()));
    return store.list(null, null, count, 0).stream().map(RunSummary::id).map(runs::detail).toList();
  }

  private String log(RunDetail run, String job) {
    try {
      return Files.readString(DATA_DIR.resolve("logs").resolve(run.id()).resolve(job + ".1.log"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String pipeline(String name, String command) {
    return "{\"name\": \""
        + name
        + "\", \"jobs\": [{\"name\": \"show\","
        + " \"image\": \"busybox:latest\", \"command\": \""
        + command
        + "\"}]}";
  }

  private void write(String path, String text) throws IOException {
    Path file = clone.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private String commit(String message) throws Exception {
    GitCli.ok(clone, "add", "-A");
    GitCli.ok(clone, "commit", "-q", "-m", message);
    return GitCli.ok(clone, "rev-parse", "HEAD").strip();
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("fastci-push-");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
