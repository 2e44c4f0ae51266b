package dev.fastci.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker's log shipping against a real HTTP endpoint that keeps the log the way the server does:
 * each chunk written at its offset.
 */
class LogShipperTest {
  @TempDir Path dir;

  private HttpServer http;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();
  private volatile int answer = 204;
  private LogShipper shipper;

  @BeforeEach
  void startEndpoint() throws IOException {
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext("/", this::receive);
    http.start();
    URI url = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/");
    shipper = new LogShipper(new LogServer(url, "the-token"));
  }

  @AfterEach
  void stop() {
    shipper.close();
    http.stop(0);
  }

  private synchronized void receive(HttpExchange exchange) throws IOException {
    String query = exchange.getRequestURI().getQuery();
    requests.add(
        exchange.getRequestMethod()
            + " "
            + exchange.getRequestURI().getPath()
            + "?"
            + query
            + " "
            + exchange.getRequestHeaders().getFirst("Authorization"));
    byte[] body = exchange.getRequestBody().readAllBytes();
    if (answer == 204) {
      int offset = Integer.parseInt(query.replaceAll(".*offset=", ""));
      byte[] kept = received.toByteArray();
      received.reset();
      received.write(kept, 0, Math.min(offset, kept.length));
      received.write(body);
    }
    exchange.sendResponseHeaders(answer, -1);
    exchange.close();
  }

  private String log() {
    synchronized (this) {
      return received.toString(StandardCharsets.UTF_8);
    }
  }

  @Test
  void finishSendsTheWholeLogWithTheTokenToTheJobsAddress() throws IOException {
    Path file = Files.writeString(dir.resolve("build.1.log"), "line 1\n");
    try (LogShipper.Shipment shipment = shipper.follow("r1", "build", 1, 1, file)) {
      Files.writeString(file, "line 2\n", StandardOpenOption.APPEND);
      shipment.finish();
    }

    assertThat(log()).isEqualTo("line 1\nline 2\n");
    assertThat(requests)
        .allMatch(r -> r.startsWith("PUT /api/pipelines/r1/jobs/build/log?attempt=1&offset="))
        .allMatch(r -> r.endsWith(" Bearer the-token"));
  }

  @Test
  void aLaterTrysLogGoesToItsTryAndTheFirstTrysNamesNone() throws IOException {
    Path file = Files.writeString(dir.resolve("build.1.try2.log"), "second try\n");
    try (LogShipper.Shipment shipment = shipper.follow("r1", "build", 1, 2, file)) {
      shipment.finish();
    }

    assertThat(log()).isEqualTo("second try\n");
    assertThat(requests)
        .allMatch(
            r -> r.startsWith("PUT /api/pipelines/r1/jobs/build/log?attempt=1&try=2&offset="));
  }

  @Test
  void aLogLargerThanAChunkArrivesInOrder() throws IOException {
    String big = "x".repeat(600_000) + "end\n";
    Path file = Files.writeString(dir.resolve("big.1.log"), big);
    try (LogShipper.Shipment shipment = shipper.follow("r1", "big", 1, 1, file)) {
      shipment.finish();
    }

    assertThat(log()).isEqualTo(big);
    assertThat(requests).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void anEmptyLogStillExistsOnTheServer() throws IOException {
    Path file = Files.writeString(dir.resolve("quiet.1.log"), "");
    try (LogShipper.Shipment shipment = shipper.follow("r1", "quiet", 1, 1, file)) {
      shipment.finish();
    }

    assertThat(requests).singleElement().asString().contains("offset=0");
  }

  @Test
  void aServerThatRefusesTheLogFailsTheFinishNamingTheJob() throws IOException {
    answer = 409;
    Path file = Files.writeString(dir.resolve("build.1.log"), "line\n");
    try (LogShipper.Shipment shipment = shipper.follow("r1", "build", 1, 1, file)) {
      assertThatThrownBy(shipment::finish)
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageContaining("could not send the log of build (run r1)")
          .hasRootCauseMessage("the server answered 409: ");
    }
  }

  @Test
  void aServerAddressMustBeHttpAndTheTokenSet() {
    assertThatThrownBy(() -> new LogServer(URI.create("ftp://x"), "t"))
        .hasMessageStartingWith("fastci.worker.server-url: must be an http(s) URL");
    assertThatThrownBy(() -> new LogServer(URI.create("http://x"), " "))
        .hasMessageStartingWith("fastci.api-token:");
  }
}
