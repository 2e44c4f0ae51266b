package dev.fastci.logs;

import java.net.URI;

/**
 * The FastCI server a standalone worker sends its job logs to, so the server shows them live and
 * afterwards although the jobs ran on another host.
 *
 * @param url the server's base URL, e.g. {@code http://fastci:8080}
 * @param apiToken the server's API token ({@code fastci.api-token})
 */
public record LogServer(URI url, String apiToken) {
  public LogServer {
    if (url == null || url.getScheme() == null || !url.getScheme().startsWith("http")) {
      throw new IllegalArgumentException(
          "fastci.worker.server-url: must be an http(s) URL of the FastCI server, got " + url);
    }
    if (apiToken == null || apiToken.isBlank()) {
      throw new IllegalArgumentException(
          "fastci.api-token: the worker needs the server's API token to send it job logs");
    }
  }

  /**
   * Where the log of one try of a job attempt is written, from a byte offset ({@code try} only for
   * tries after the first, so servers from before retries take the first try's log).
   */
  URI logOf(String runId, String job, int attempt, int tryNumber, long offset) {
    return logAt(runId, "jobs", job, attempt, tryNumber, offset);
  }

  /** Where the log of one service in one attempt of a run is written, from a byte offset. */
  URI serviceLogOf(String runId, String service, int attempt, long offset) {
    return logAt(runId, "services", service, attempt, 1, offset);
  }

  private URI logAt(
      String runId, String kind, String name, int attempt, int tryNumber, long offset) {
    String base = url.toString().replaceAll("/+$", "");
    return URI.create(
        base
            + "/api/pipelines/"
            + runId
            + "/"
            + kind
            + "/"
            + name
            + "/log?attempt="
            + attempt
            + (tryNumber > 1 ? "&try=" + tryNumber : "")
            + "&offset="
            + offset);
  }

  /**
   * Where a job attempt's kept files go: the attempt's dir (to clear it), or one file from a byte
   * offset.
   *
   * @param path the file's path in the attempt, {@code /}-separated; null for the dir
   */
  URI artifactOf(String runId, String job, int attempt, String path, long offset) {
    String base = url.toString().replaceAll("/+$", "");
    StringBuilder uri =
        new StringBuilder(base)
            .append("/api/pipelines/")
            .append(segment(runId))
            .append("/jobs/")
            .append(segment(job))
            .append("/artifacts/")
            .append(attempt);
    if (path != null) {
      for (String part : path.split("/")) {
        uri.append('/').append(segment(part));
      }
      uri.append("?offset=").append(offset);
    }
    return URI.create(uri.toString());
  }

  private static String segment(String text) {
    return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8)
        .replace("+", "%20");
  }
}
