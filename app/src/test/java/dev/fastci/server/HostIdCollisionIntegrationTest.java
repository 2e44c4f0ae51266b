package dev.fastci.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two servers on one machine with the same worker host id (the default is the hostname) would
 * remove each other's warm network holders and take each other's jobs: the second one refuses to
 * start, naming the setting.
 */
class HostIdCollisionIntegrationTest {
  @TempDir Path first;
  @TempDir Path second;
  @TempDir Path logs;

  @Test
  void aSecondServerWithTheSameHostIdRefusesToStart() throws Exception {
    try (FastciProcess running = server("first", first)) {
      new ServerApi("http://127.0.0.1:" + port(first), "t").awaitHealthy(running);
      try (FastciProcess refused = server("second", second)) {
        secondIsRefused(running, refused);
      }
    }
  }

  private static void secondIsRefused(FastciProcess running, FastciProcess refused)
      throws InterruptedException {
    await().atMost(Duration.ofSeconds(120)).until(() -> !refused.isAlive());

    assertThat(refused.output())
        .contains("runs with the worker host id 'twin-host'")
        .contains("give each process its own FASTCI_WORKER_HOST_ID");
    assertThat(refused.exitValue()).isNotZero();
    assertThat(running.isAlive()).isTrue();
  }

  private final Map<Path, Integer> ports = new java.util.HashMap<>();

  private int port(Path dataDir) {
    return ports.computeIfAbsent(dataDir, d -> FastciProcess.freePort());
  }

  private FastciProcess server(String name, Path dataDir) {
    return FastciProcess.start(
        name,
        "server",
        dataDir,
        logs.resolve(name + ".log"),
        Map.of(
            "FASTCI_DATA_DIR", dataDir.toString(),
            "FASTCI_API_TOKEN", "t",
            "FASTCI_BACKEND", "dummy",
            "FASTCI_WORKER_HOST_ID", "twin-host",
            "SERVER_PORT", Integer.toString(port(dataDir))));
  }
}
