package dev.fastci.limits;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Temporal's test server on a TCP port with the gRPC limit of a real cluster's frontend: no inbound
 * message over 4 MB. Workers and clients reach it as they reach a cluster, by host:port.
 */
final class LimitedTemporal implements AutoCloseable {
  static final int MAX_INBOUND_BYTES = 4 * 1024 * 1024;

  private final TestServicesStarter services = new TestServicesStarter(true, 0);
  private final RequestSizes sizes = new RequestSizes();
  private final Server server;

  LimitedTemporal() {
    var builder =
        NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .maxInboundMessageSize(MAX_INBOUND_BYTES);
    GRPCServerHelper.registerServicesAndHealthChecks(
        services.getServices(), builder, List.of(sizes));
    try {
      server = builder.build().start();
    } catch (IOException e) {
      services.close();
      throw new UncheckedIOException(e);
    }
  }

  String target() {
    return "127.0.0.1:" + server.getPort();
  }

  RequestSizes sizes() {
    return sizes;
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow();
    server.awaitTermination(5, TimeUnit.SECONDS);
    services.close();
  }
}
