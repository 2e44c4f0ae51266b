package dev.fastci.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fastci.testing.DockerEngine;
import dev.fastci.testing.PostgresDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * One machine standing in for several hosts: a server with no worker of its own, its embedded
 * Temporal on a TCP port and its store on a real PostgreSQL, plus two {@code fastci worker}
 * processes with their own host ids and data dirs. Twenty runs share a pipeline dir between their
 * two jobs; one worker is killed (SIGKILL) in the middle of its runs, and they all finish on the
 * other. Every log is read through the server.
 */
@ExtendWith(DockerEngine.class)
class ScaleOutIntegrationTest {
  private static final String TOKEN = "scale-out-token";
  private static final int RUNS = 20;

  @TempDir Path serverDir;
  @TempDir Path hostADir;
  @TempDir Path hostBDir;
  @TempDir Path outputs;

  private final List<FastciProcess> processes = new ArrayList<>();
  private ServerApi api;

  @AfterEach
  void stopEverything() throws InterruptedException {
    for (FastciProcess process : processes) {
      process.close();
    }
    if (api != null) {
      // the killed worker's containers: nobody else removes them
      api.submitted().forEach(JobContainersOnDocker::removeAllOf);
    }
    List.of("host-a", "host-b").forEach(JobContainersOnDocker::removeNetworkPoolOf);
  }

  @Test
  void runsSpreadOverTwoWorkerHostsAndAllFinishWhenOneIsKilled() throws Exception {
    try (PostgresDatabase store = PostgresDatabase.create()) {
      try {
        runTwentyPipelinesAndKillOneWorker(store);
      } catch (Throwable failure) {
        processes.forEach(FastciProcess::printOutput);
        printRuns();
        throw failure;
      }
    }
  }

  private void runTwentyPipelinesAndKillOneWorker(PostgresDatabase store) throws Exception {
    int httpPort = FastciProcess.freePort();
    int temporalPort = FastciProcess.freePort();
    String serverUrl = "http://127.0.0.1:" + httpPort;
    api = new ServerApi(serverUrl, TOKEN);
    FastciProcess server = startServer(store, httpPort, temporalPort);
    api.awaitHealthy(server);
    // The runs start on host-a alone: with two idle hosts, Temporal may give every run's host
    // assignment to the same one (it did, 20 of 20, in about one test of three). host-b starts once
    // host-a has finished a run; host-a is killed in the middle of another, with more queued.
    FastciProcess hostA = startWorker("host-a", hostADir, temporalPort, serverUrl);
    hostA.awaitOutput("fastci worker host-a serving", Duration.ofSeconds(60));
    Map<String, String> marks = new LinkedHashMap<>();
    for (int i = 0; i < RUNS; i++) {
      String mark = "mark-" + i;
      marks.put(api.submit(spec(mark)), mark);
    }
    hostA.awaitWhileAlive(
        "has finished a run",
        Duration.ofSeconds(90),
        () -> finishedAnywhereOn("host-a", marks.keySet()));
    FastciProcess hostB = startWorker("host-b", hostBDir, temporalPort, serverUrl);
    hostB.awaitOutput("fastci worker host-b serving", Duration.ofSeconds(60));
    hostA.awaitWhileAlive("runs another", Duration.ofSeconds(90), () -> writingOn("host-a", marks));
    hostA.kill();

    Set<String> hosts = new HashSet<>();
    int movedRuns = 0;
    for (Map.Entry<String, String> run : marks.entrySet()) {
      JsonNode end = api.awaitEnd(run.getKey(), 1, Duration.ofSeconds(120));
      assertThat(end.get("status").asText()).as("%s", end).isEqualTo("SUCCEEDED");
      JsonNode write = ServerApi.job(end, "write");
      JsonNode read = ServerApi.job(end, "read");
      hosts.add(write.get("host").asText());
      hosts.add(read.get("host").asText());
      String writeLog = api.log(run.getKey(), "write", null);
      String readLog = api.log(run.getKey(), "read", null);
      assertThat(writeLog).as("write log via the server").contains("wrote " + run.getValue());
      if (read.get("host").asText().equals(write.get("host").asText())) {
        assertThat(readLog)
            .as("read saw write's file: %s", end)
            .contains("shared " + run.getValue());
      } else {
        assertThat(write.get("host").asText()).isEqualTo("host-a");
        assertThat(read.get("host").asText()).isEqualTo("host-b");
        assertThat(readLog).as("write's file was in the lost dir").contains("no shared file");
      }
      for (JsonNode event : end.get("events")) {
        String message = event.get("message").asText();
        if (message.startsWith("setup: ")) {
          continue; // the run's setup steps
        }
        assertThat(message).as("%s", end).contains("host host-a lost");
        if (message.contains("run again")) {
          movedRuns++;
          assertThat(message)
              .contains("run again on host host-b")
              .contains("pipeline dir contents on host-a are lost");
          assertThat(end.get("host").asText()).isEqualTo("host-b");
          assertThat(read.get("host").asText()).isEqualTo("host-b");
        }
      }
    }
    assertThat(hosts).as("both hosts ran jobs").containsExactlyInAnyOrder("host-a", "host-b");
    assertThat(movedRuns).as("the run host-a was in the middle of moved to host-b").isPositive();
  }

  /**
   * write puts the run's mark into the pipeline dir and holds its host a moment; read, on the same
   * host, prints it (or says the file is gone, after its run moved to another host).
   */
  private static String spec(String mark) {
    return """
        {"name": "shared-dir", "setup_pipeline_dir": true,
         "jobs": [
           {"name": "write", "image": "busybox:latest", "env": {"MARK": "%s"},
            "command": ["sh", "-c",
              "echo started $MARK; echo $MARK > /fastci/pipeline/shared; sleep 2; echo wrote $MARK"]},
           {"name": "read", "image": "busybox:latest",
            "command": ["sh", "-c",
              "if [ -f /fastci/pipeline/shared ]; then echo shared $(cat /fastci/pipeline/shared); else echo no shared file; fi"]}
         ],
         "parents": {"read": ["write"]}}
        """
        .formatted(mark);
  }

  /** Each run's status and host, and each of its jobs', for a failure's report. */
  private void printRuns() {
    System.out.println("==== runs ====");
    for (String id : api.submitted()) {
      JsonNode run = api.detail(id);
      StringBuilder line = new StringBuilder(id);
      line.append(' ').append(run.path("status").asText()).append(" on ");
      line.append(run.path("host").asText());
      for (JsonNode job : run.path("jobs")) {
        line.append(" | ").append(job.path("name").asText()).append(' ');
        line.append(job.path("status").asText()).append(" on ").append(job.path("host").asText());
      }
      System.out.println(line);
    }
  }

  private boolean finishedAnywhereOn(String host, Iterable<String> ids) {
    for (String id : ids) {
      JsonNode run = api.detail(id);
      if (run.get("status").asText().equals("SUCCEEDED")
          && ServerApi.job(run, "read").get("host").asText().equals(host)) {
        return true;
      }
    }
    return false;
  }

  /** A run on the host whose write job runs and whose log the server shows live already. */
  private boolean writingOn(String host, Map<String, String> marks) {
    for (Map.Entry<String, String> run : marks.entrySet()) {
      JsonNode detail = api.detail(run.getKey());
      if (host.equals(detail.path("host").asText())
          && ServerApi.job(detail, "write").get("status").asText().equals("RUNNING")
          && api.log(run.getKey(), "write", null).contains("started " + run.getValue())) {
        return true;
      }
    }
    return false;
  }

  private FastciProcess startServer(PostgresDatabase store, int httpPort, int temporalPort) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("FASTCI_DATA_DIR", serverDir.toString());
    env.put("FASTCI_API_TOKEN", TOKEN);
    env.put("SERVER_PORT", Integer.toString(httpPort));
    env.put("FASTCI_WORKER_ENABLED", "false");
    env.put("FASTCI_TEMPORAL_EMBEDDED_PORT", Integer.toString(temporalPort));
    env.put("FASTCI_WORKER_HOST_LOST_AFTER", "5s");
    env.put("SPRING_DATASOURCE_URL", store.url());
    env.put("SPRING_DATASOURCE_USERNAME", store.user());
    env.put("SPRING_DATASOURCE_PASSWORD", store.password());
    return started(
        FastciProcess.start(
            "server", "server", serverDir, outputs.resolve("server.log"), Map.copyOf(env)));
  }

  private FastciProcess startWorker(String hostId, Path dataDir, int temporalPort, String server) {
    Map<String, String> env =
        Map.of(
            "FASTCI_DATA_DIR",
            dataDir.toString(),
            "FASTCI_TEMPORAL_TARGET",
            "127.0.0.1:" + temporalPort,
            "FASTCI_WORKER_HOST_ID",
            hostId,
            "FASTCI_WORKER_MAX_PARALLEL_JOBS",
            "3",
            "FASTCI_WORKER_SERVER_URL",
            server,
            "FASTCI_API_TOKEN",
            TOKEN);
    return started(
        FastciProcess.start(hostId, "worker", dataDir, outputs.resolve(hostId + ".log"), env));
  }

  private FastciProcess started(FastciProcess process) {
    processes.add(process);
    return process;
  }
}
