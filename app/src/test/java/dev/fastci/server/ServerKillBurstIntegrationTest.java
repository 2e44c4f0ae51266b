package dev.fastci.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fastci.testing.DockerEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chaos: the server is killed (SIGKILL) in the middle of a burst of 200 one-job runs on Docker and
 * started again on the same data dir. Every run ends SUCCEEDED, each job's command ran exactly once
 * (it appends a line to a marker file of its own on a bind mount), and the store lists exactly the
 * 200 runs.
 */
@ExtendWith(DockerEngine.class)
class ServerKillBurstIntegrationTest {
  private static final String TOKEN = "burst-token";
  private static final int RUNS = 200;

  @TempDir Path dataDir;
  @TempDir Path markers;
  @TempDir Path logs;

  private final int port = FastciProcess.freePort();
  private final ServerApi api = new ServerApi("http://127.0.0.1:" + port, TOKEN);
  private FastciProcess server;

  @AfterEach
  void stop() throws InterruptedException {
    if (server != null) {
      server.close();
    }
    api.submitted().forEach(JobContainersOnDocker::removeAllOf);
    JobContainersOnDocker.removeNetworkPoolOf("burst-host");
  }

  @Test
  void everyRunOfABurstEndsOnceAfterAKillAndEachCommandRanOnce() throws Exception {
    try {
      start();
      List<String> ids = submitAll();
      // Kill while runs are still going: a tenth of the commands have run, not all of them.
      await().atMost(Duration.ofSeconds(60)).until(() -> markerCount() >= RUNS / 10);
      int before = markerCount();
      server.kill();
      assertThat(before).as("runs that had started when the server was killed").isLessThan(RUNS);

      long restarted = System.nanoTime();
      start();
      await()
          .atMost(Duration.ofMinutes(4))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> unfinished(ids) == 0);
      System.out.printf(
          "burst: killed with %d of %d commands run; all ended %d s after the restart began%n",
          before, RUNS, (System.nanoTime() - restarted) / 1_000_000_000);

      for (String id : ids) {
        JsonNode detail = api.detail(id);
        assertThat(detail.get("status").asText()).as("%s", detail).isEqualTo("SUCCEEDED");
        assertThat(Files.readAllLines(markers.resolve(id)))
            .as("the command of run %s ran once", id)
            .containsExactly(id);
      }
      JsonNode listed = ServerApi.json(api.get("/api/pipelines?limit=500"));
      assertThat(listed.get("total").asInt()).isEqualTo(RUNS);
      assertThat(DockerEngine.fastciContainers(ids.get(0))).isEmpty();
    } catch (Throwable failure) {
      if (server != null) {
        server.printOutput();
      }
      throw failure;
    }
  }

  private List<String> submitAll() throws Exception {
    String spec =
        """
        {"name": "burst", "jobs": [{"name": "mark", "image": "busybox:latest",
          "volumes": ["%s:/markers"],
          "command": ["sh", "-c", "echo $FASTCI_RUN_ID >> /markers/$FASTCI_RUN_ID; sleep 1"]}]}
        """
            .formatted(markers);
    ExecutorService clients = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> submitted = new ArrayList<>();
      for (int i = 0; i < RUNS; i++) {
        submitted.add(clients.submit(() -> api.submit(spec)));
      }
      List<String> ids = new ArrayList<>();
      for (Future<String> id : submitted) {
        ids.add(id.get());
      }
      return ids;
    } finally {
      clients.shutdownNow();
    }
  }

  private int markerCount() throws Exception {
    try (var files = Files.list(markers)) {
      return (int) files.count();
    }
  }

  private long unfinished(List<String> ids) {
    JsonNode list = ServerApi.json(api.get("/api/pipelines?limit=500"));
    long done = 0;
    for (JsonNode item : list.get("items")) {
      if (ServerApi.FINAL_RUN_STATUSES.contains(item.get("status").asText())) {
        done++;
      }
    }
    return ids.size() - done;
  }

  private void start() {
    Map<String, String> env = new HashMap<>();
    env.put("FASTCI_DATA_DIR", dataDir.toString());
    env.put("FASTCI_API_TOKEN", TOKEN);
    env.put("FASTCI_WORKER_HOST_ID", "burst-host");
    env.put("FASTCI_VOLUMES_ALLOWED_ROOTS", markers.toString());
    env.put("SERVER_PORT", Integer.toString(port));
    if (server == null) {
      server = FastciProcess.start("server", "server", dataDir, logs.resolve("server.log"), env);
    } else {
      server.restart("server", dataDir, env);
    }
    api.awaitHealthy(server);
  }
}
