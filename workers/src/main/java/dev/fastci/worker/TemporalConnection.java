package dev.fastci.worker;

import com.uber.m3.tally.NoopScope;
import com.uber.m3.tally.Scope;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The connection to Temporal: an external cluster at a target, or by default the Java test server
 * in this process. The embedded server has time skipping locked (it runs on real time) and keeps
 * everything in memory; with a port it also listens on 127.0.0.1:port, so worker processes on this
 * machine can join it (without sticky queues there: see {@link NoStickyQueues}).
 */
public final class TemporalConnection implements AutoCloseable {
  public static final String NAMESPACE = "default";

  private final Closeable embedded;
  private final WorkflowServiceStubs stubs;
  private final WorkflowClient client;

  private TemporalConnection(Closeable embedded, WorkflowServiceStubs stubs) {
    this.embedded = embedded;
    this.stubs = stubs;
    this.client =
        WorkflowClient.newInstance(
            stubs, WorkflowClientOptions.newBuilder().setNamespace(NAMESPACE).build());
  }

  /** Connects to {@code target} (host:port), or starts the embedded server when it is blank. */
  public static TemporalConnection open(String target) {
    return open(target, null);
  }

  /**
   * Connects to {@code target} (host:port), or starts the embedded server when it is blank.
   *
   * @param embeddedPort when not null, the embedded server also listens on 127.0.0.1:port
   * @throws IllegalArgumentException when a port is given with a target, or is out of range
   */
  public static TemporalConnection open(String target, Integer embeddedPort) {
    return open(target, embeddedPort, new NoopScope());
  }

  /**
   * Connects to {@code target} (host:port), or starts the embedded server when it is blank.
   *
   * @param embeddedPort when not null, the embedded server also listens on 127.0.0.1:port
   * @param metrics where the SDK reports its client and worker metrics
   * @throws IllegalArgumentException when a port is given with a target, or is out of range
   */
  public static TemporalConnection open(String target, Integer embeddedPort, Scope metrics) {
    check(target, embeddedPort);
    if (target != null && !target.isBlank()) {
      return new TemporalConnection(null, stubsFor(target, metrics));
    }
    return embeddedPort == null ? embedded(metrics) : embeddedOnPort(embeddedPort, metrics);
  }

  /**
   * @throws IllegalArgumentException when a port is given with a target, or is out of range
   */
  static void check(String target, Integer embeddedPort) {
    if (embeddedPort == null) {
      return;
    }
    if (target != null && !target.isBlank()) {
      throw new IllegalArgumentException(
          "fastci.temporal.embedded-port: only for the embedded Temporal, but"
              + " fastci.temporal.target is set to "
              + target);
    }
    if (embeddedPort < 1 || embeddedPort > 65535) {
      throw new IllegalArgumentException(
          "fastci.temporal.embedded-port: must be 1..65535, got " + embeddedPort);
    }
  }

  public static TemporalConnection embedded() {
    return embedded(new NoopScope());
  }

  private static TemporalConnection embedded(Scope metrics) {
    TestServer.InProcessTestServer server = TestServer.createServer(true);
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setChannel(server.getChannel())
                .setMetricsScope(metrics)
                .build());
    return new TemporalConnection(server, stubs);
  }

  private static TemporalConnection embeddedOnPort(int port, Scope metrics) {
    TestServicesStarter services = new TestServicesStarter(true, 0);
    InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    var builder = NettyServerBuilder.forAddress(address);
    GRPCServerHelper.registerServicesAndHealthChecks(
        services.getServices(), builder, List.of(new NoStickyQueues()));
    Server server;
    try {
      server = builder.build().start();
    } catch (IOException e) {
      services.close();
      throw new IllegalStateException(
          "fastci.temporal.embedded-port: cannot listen on " + address + ": " + e.getMessage(), e);
    }
    Closeable embedded =
        () -> {
          server.shutdownNow();
          try {
            server.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS); // frees the port
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          services.close();
        };
    return new TemporalConnection(embedded, stubsFor("127.0.0.1:" + port, metrics));
  }

  private static WorkflowServiceStubs stubsFor(String target, Scope metrics) {
    return WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder()
            .setTarget(target)
            .setMetricsScope(metrics)
            .build());
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
      try {
        embedded.close();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }
}
