package dev.fastci.integration;

import static dev.fastci.integration.NothingLeftBehind.assertNoContainersOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fastci.client.PipelineClient;
import dev.fastci.testing.DockerEngine;
import dev.fastci.testing.LocalEngine;
import dev.fastci.worker.Engine;
import dev.fastci.worker.WorkerConfig;
import dev.fastci.workflow.PipelineState;
import dev.fastci.workflow.PipelineStatus;
import io.temporal.testserver.TestServer;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code fastci.temporal.target}: the engine talks gRPC to a Temporal service at host:port. */
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

      PipelineState end =
          new PipelineClient(engine.client())
              .start(
                  LocalEngine.spec(
                      "{\"name\":\"remote\",\"jobs\":[{\"name\":\"hello\","
                          + "\"image\":\"busybox:latest\",\"command\":\"echo hi\"}]}"))
              .result()
              .get(60, TimeUnit.SECONDS);

      assertThat(end.status()).isEqualTo(PipelineStatus.SUCCEEDED);
      assertThat(end.job("hello").host()).isEqualTo("remote-host");
      assertNoContainersOf(end.runId());
    } finally {
      service.close();
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
