package dev.fastci.worker;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;

/**
 * The connection to Temporal: an external cluster at a target, or by default the Java test server
 * in this process. The embedded server has time skipping locked (it runs on real time) and keeps
 * everything in memory.
 */
public final class TemporalConnection implements AutoCloseable {
  public static final String NAMESPACE = "default";

  private final TestServer.InProcessTestServer embedded;
  private final WorkflowServiceStubs stubs;
  private final WorkflowClient client;

  private TemporalConnection(TestServer.InProcessTestServer embedded, WorkflowServiceStubs stubs) {
    this.embedded = embedded;
    this.stubs = stubs;
    this.client =
        WorkflowClient.newInstance(
            stubs, WorkflowClientOptions.newBuilder().setNamespace(NAMESPACE).build());
  }

  /** Connects to {@code target} (host:port), or starts the embedded server when it is blank. */
  public static TemporalConnection open(String target) {
    if (target == null || target.isBlank()) {
      return embedded();
    }
    return new TemporalConnection(
        null,
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target).build()));
  }

  public static TemporalConnection embedded() {
    TestServer.InProcessTestServer server = TestServer.createServer(true);
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setChannel(server.getChannel()).build());
    return new TemporalConnection(server, stubs);
  }

  public WorkflowClient client() {
    return client;
  }

  public boolean isEmbedded() {
    return embedded != null;
  }

  @Override
  public void close() {
    stubs.shutdownNow();
    if (embedded != null) {
      embedded.close();
    }
  }
}
