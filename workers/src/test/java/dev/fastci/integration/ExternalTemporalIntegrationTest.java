package dev.fastci.integration;

import static dev.fastci.integration.NothingLeftBehind.assertNoContainersOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fastci.client.PipelineClient;
import dev.fastci.contract.PipelineState;
import dev.fastci.contract.PipelineStatus;
import dev.fastci.testing.DockerEngine;
import dev.fastci.testing.LocalEngine;
import dev.fastci.worker.Engine;
import dev.fastci.worker.WorkerConfig;
import io.temporal.testserver.TestServer;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fastci.temporal.target}: the engine talks gRPC to a Temporal service at host:port, also to
 * the embedded Temporal of another engine that listens on {@code fastci.temporal.embedded-port}.
 */
@ExtendWith(DockerEngine.class)
class ExternalTemporalIntegrationTest {
  @TempDir Path dataDir;

  @Test
  void pipelineRunsOnATemporalServiceReachedOverTheNetwork() throws Exception {
    int port = freePort();
    TestServer.PortBoundTestServer service = TestServer.createPortBoundServer(port, true);
    try (Engine engine =
        Engine.start("127.0.0.1:" + port, new WorkerConfig(dataDir, "remote-host", 2), true)) {
      assertThat(engine.isEmbedded()).isFalse();
      helloRunsOn(engine, "remote-host");
    } finally {
      service.close();
    }
  }

  @Test
  void aWorkerOfAnotherEngineJoinsTheEmbeddedTemporalOnItsPort(@TempDir Path workerDir)
      throws Exception {
    int port = freePort();
    try (Engine server = Engine.start("", port, new WorkerConfig(dataDir, "unused", 1), false);
        Engine worker =
            Engine.start(
                "127.0.0.1:" + port, new WorkerConfig(workerDir, "joined-host", 2), true)) {
      assertThat(server.isEmbedded()).isTrue();
      helloRunsOn(server, "joined-host");
    }
  }

  /** A run with a pipeline dir, started through this engine, succeeds on that worker host. */
  private static void helloRunsOn(Engine engine, String host) throws Exception {
    PipelineState end =
        new PipelineClient(engine.client())
            .start(
                LocalEngine.spec(
                    "{\"name\":\"hello\",\"setup_pipeline_dir\":true,\"jobs\":[{\"name\":\"hello\","
                        + "\"image\":\"busybox:latest\",\"command\":\"echo hi\"}]}"))
            .result()
            .get(60, TimeUnit.SECONDS);

    assertThat(end.status()).isEqualTo(PipelineStatus.SUCCEEDED);
    assertThat(end.job("hello").host()).isEqualTo(host);
    assertNoContainersOf(end.runId());
  }

  @Test
  void anEmbeddedPortWithAnExternalTargetIsRefusedNamingTheSetting() {
    assertThatThrownBy(
            () -> Engine.start("10.0.0.1:7233", 7233, new WorkerConfig(dataDir, "h", 1), false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("fastci.temporal.embedded-port: only for the embedded Temporal");
    assertThatThrownBy(() -> Engine.start("", 0, new WorkerConfig(dataDir, "h", 1), false))
        .hasMessage("fastci.temporal.embedded-port: must be 1..65535, got 0");
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
