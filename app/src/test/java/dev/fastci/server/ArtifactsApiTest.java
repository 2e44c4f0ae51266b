package dev.fastci.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fastci.artifacts.Artifact;
import dev.fastci.artifacts.ArtifactDirs;
import dev.fastci.logs.ArtifactShipper;
import dev.fastci.logs.LogServer;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The artifacts API on a server (dummy backend): the list, one file with its content type and name,
 * the zip, and the newest successful run's file. The files are laid out as a worker keeps them,
 * under the data dir.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "fastci.api-token=" + ArtifactsApiTest.TOKEN,
      "fastci.backend=dummy",
      "fastci.worker.host-id=artifacts-host"
    })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ArtifactsApiTest {
  static final String TOKEN = "artifacts-token";

  @TempDir static Path dataDir;

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) {
    registry.add("fastci.data-dir", () -> dataDir.toString());
  }

  @LocalServerPort int port;
  @Autowired ArtifactDirs dirs;
  private ServerApi api;

  @BeforeEach
  void client() {
    api = new ServerApi("http://127.0.0.1:" + port, TOKEN);
  }

  private String succeededRunWithFiles(String branch) throws Exception {
    HttpResponse<String> created =
        api.post(
            "/api/pipelines?branch=" + branch,
            "{\"name\":\"build\",\"jobs\":[{\"name\":\"b\",\"image\":\"i\",\"command\":\"true\"}]}");
    String id = ServerApi.json(created).get("id").asText();
    api.awaitEnd(id);
    Path dir = dirs.attemptDir(id, "b", 1);
    Files.createDirectories(dir.resolve("dist"));
    Files.writeString(dir.resolve("dist/app.jar"), "jar of " + id);
    Files.writeString(dir.resolve("report.html"), "<p>ok</p>");
    return id;
  }

  private HttpResponse<byte[]> bytes(String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + TOKEN)
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void aRunsFilesAreListedAndDownloadedOneByOneOrAsAZip() throws Exception {
    String id = succeededRunWithFiles("main");

    JsonNode list = ServerApi.json(api.get("/api/pipelines/" + id + "/artifacts"));
    assertThat(list.get("items").toString())
        .contains("\"path\":\"dist/app.jar\"")
        .contains("\"path\":\"report.html\"");
    HttpResponse<byte[]> html = bytes("/api/pipelines/" + id + "/artifacts/b/report.html");
    assertThat(html.statusCode()).isEqualTo(200);
    assertThat(html.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(html.headers().firstValue("Content-Disposition").orElse(""))
        .contains("attachment")
        .contains("report.html");
    HttpResponse<byte[]> zip = bytes("/api/pipelines/" + id + "/artifacts.zip");
    List<String> entries = new ArrayList<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        entries.add(e.getName());
      }
    }
    assertThat(entries).containsExactly("b/dist/app.jar", "b/report.html");
  }

  @Test
  void aPathOutOfTheJobsDirOrAMissingFileIsA404() throws Exception {
    String id = succeededRunWithFiles("main");
    Files.writeString(dataDir.resolve("secret.txt"), "no");

    assertThat(
            bytes("/api/pipelines/" + id + "/artifacts/b/..%2F..%2F..%2F..%2Fsecret.txt")
                .statusCode())
        .isIn(400, 404);
    assertThat(bytes("/api/pipelines/" + id + "/artifacts/b/nope.txt").statusCode()).isEqualTo(404);
  }

  @Test
  void theLatestSuccessfulRunsFileIsOneLinkAway() throws Exception {
    succeededRunWithFiles("main");
    String newer = succeededRunWithFiles("main");
    succeededRunWithFiles("feature");

    HttpResponse<byte[]> latest =
        bytes("/api/artifacts/latest?pipeline=build&branch=main&path=b/dist/app.jar");
    assertThat(latest.statusCode()).isEqualTo(200);
    assertThat(new String(latest.body(), StandardCharsets.UTF_8)).isEqualTo("jar of " + newer);
    assertThat(bytes("/api/artifacts/latest?pipeline=nope&path=b/x").statusCode()).isEqualTo(404);
  }

  @Test
  void aStandaloneWorkerSendsItsJobsFilesInChunksAndAnEarlierTrysAreReplaced(@TempDir Path worker)
      throws Exception {
    HttpResponse<String> created =
        api.post(
            "/api/pipelines",
            "{\"name\":\"remote\",\"jobs\":[{\"name\":\"b\",\"image\":\"i\",\"command\":\"true\"}]}");
    String id = ServerApi.json(created).get("id").asText();
    api.awaitEnd(id);
    Files.createDirectories(dirs.attemptDir(id, "b", 1));
    Files.writeString(dirs.attemptDir(id, "b", 1).resolve("stale.txt"), "from an earlier try");
    byte[] big = new byte[600 * 1024]; // three chunks
    big[big.length - 1] = 7;
    Files.createDirectories(worker.resolve("dist dir"));
    Files.write(worker.resolve("dist dir/app.bin"), big);
    Files.writeString(worker.resolve("empty.txt"), "");

    ArtifactShipper shipper =
        new ArtifactShipper(new LogServer(URI.create("http://127.0.0.1:" + port), TOKEN));
    assertThat(shipper.send(id, "b", 1, worker)).isEqualTo(2);

    assertThat(dirs.list(id))
        .containsExactly(
            new Artifact("b", 1, "dist dir/app.bin", big.length),
            new Artifact("b", 1, "empty.txt", 0));
    assertThat(Files.readAllBytes(dirs.file(id, "b", 1, "dist dir/app.bin").orElseThrow()))
        .isEqualTo(big);
    HttpResponse<byte[]> escape =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://127.0.0.1:"
                                + port
                                + "/api/pipelines/"
                                + id
                                + "/jobs/b/artifacts/1/..%2F..%2Fx?offset=0"))
                    .header("Authorization", "Bearer " + TOKEN)
                    .PUT(HttpRequest.BodyPublishers.ofString("no"))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(escape.statusCode()).isIn(400, 404);
    assertThat(dirs.attemptDir(id, "b", 1).resolve("../../x")).doesNotExist();
  }
}
