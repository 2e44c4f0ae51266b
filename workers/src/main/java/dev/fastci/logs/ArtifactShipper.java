package dev.fastci.logs;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * Sends the files a job attempt kept on a standalone worker's host to the FastCI server, where the
 * run page and the API find them: the server's copy of the attempt is cleared, then each file goes
 * in chunks, each at its offset, as logs go.
 */
public final class ArtifactShipper {
  private static final int MAX_CHUNK = 256 * 1024;

  private final LogServer server;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public ArtifactShipper(LogServer server) {
    this.server = server;
  }

  /**
   * @param dir the attempt's dir of kept files on this host; nothing to send when it is missing
   * @return how many files were sent
   * @throws IOException when the server did not take them
   */
  public int send(String runId, String job, int attempt, Path dir) throws IOException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return 0;
    }
    call(HttpRequest.newBuilder(server.artifactOf(runId, job, attempt, null, 0)).DELETE());
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
    }
    for (Path file : files) {
      String path = dir.relativize(file).toString().replace('\\', '/');
      long offset = 0;
      try (InputStream in = Files.newInputStream(file)) {
        do {
          byte[] chunk = in.readNBytes(MAX_CHUNK);
          if (chunk.length == 0 && offset > 0) {
            break;
          }
          URI uri = server.artifactOf(runId, job, attempt, path, offset);
          call(
              HttpRequest.newBuilder(uri)
                  .header("Content-Type", "application/octet-stream")
                  .PUT(HttpRequest.BodyPublishers.ofByteArray(chunk)));
          offset += chunk.length;
        } while (offset < Files.size(file));
      }
    }
    return files.size();
  }

  private void call(HttpRequest.Builder request) throws IOException {
    HttpResponse<String> response;
    try {
      response =
          http.send(
              request
                  .timeout(Duration.ofSeconds(60))
                  .header("Authorization", "Bearer " + server.apiToken())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while sending artifacts", e);
    }
    if (response.statusCode() / 100 != 2) {
      throw new IOException(
          "the server answered " + response.statusCode() + ": " + response.body());
    }
  }
}
