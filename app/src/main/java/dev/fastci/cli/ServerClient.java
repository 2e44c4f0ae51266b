package dev.fastci.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fastci.spec.InvalidSpecException;
import dev.fastci.spec.SpecError;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The few calls of a FastCI server's HTTP API that the command line makes. */
final class ServerClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;
  private final String token;

  ServerClient(String url, String token) {
    this.base = URI.create(url.endsWith("/") ? url : url + "/");
    this.token = token;
  }

  /** Submits a spec; returns the run id. An invalid spec throws with the server's errors. */
  /**
   * @param branch the run's branch, or null
   * @param params the run's parameters, by name
   */
  String submit(String text, boolean yaml, String branch, Map<String, String> params)
      throws IOException, InterruptedException {
    List<String> query = new ArrayList<>();
    if (branch != null) {
      query.add("branch=" + encode(branch));
    }
    params.forEach((name, value) -> query.add("param." + encode(name) + "=" + encode(value)));
    HttpResponse<String> response =
        send(
            request("api/pipelines" + (query.isEmpty() ? "" : "?" + String.join("&", query)))
                .header("Content-Type", yaml ? "application/yaml" : "application/json")
                .header("X-FastCI-Trigger", "cli")
                .POST(HttpRequest.BodyPublishers.ofString(text)));
    if (response.statusCode() == 400 && response.body().contains("\"errors\"")) {
      List<SpecError> errors = new ArrayList<>();
      for (JsonNode e : JSON.readTree(response.body()).path("errors")) {
        errors.add(new SpecError(e.path("path").asText(), e.path("message").asText()));
      }
      throw new InvalidSpecException(errors);
    }
    return expect(response, 201).path("id").asText();
  }

  JsonNode run(String id) throws IOException, InterruptedException {
    return expect(send(request("api/pipelines/" + encode(id)).GET()), 200);
  }

  void cancel(String id) throws IOException, InterruptedException {
    expect(send(request("api/pipelines/" + encode(id) + "/cancel").POST(noBody())), 202);
  }

  /** Approves ({@code approved}) or rejects a WAITING approval job. */
  void decide(String id, String job, boolean approved) throws IOException, InterruptedException {
    String path =
        "api/pipelines/%s/jobs/%s/%s"
            .formatted(encode(id), encode(job), approved ? "approve" : "reject");
    expect(send(request(path).POST(noBody())), 202);
  }

  byte[] log(String id, String job, int attempt, int tryNumber, long offset)
      throws IOException, InterruptedException {
    HttpResponse<byte[]> response =
        http.send(
            request(
                    "api/pipelines/%s/jobs/%s/log?attempt=%d&try=%d&offset=%d"
                        .formatted(encode(id), encode(job), attempt, tryNumber, offset))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IOException("log of " + job + ": HTTP " + response.statusCode());
    }
    return response.body();
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token);
  }

  private HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode expect(HttpResponse<String> response, int status) throws IOException {
    if (response.statusCode() != status) {
      throw new IOException(
          response.request().method()
              + " "
              + response.request().uri()
              + ": HTTP "
              + response.statusCode()
              + " "
              + response.body());
    }
    return JSON.readTree(response.body());
  }

  private static HttpRequest.BodyPublisher noBody() {
    return HttpRequest.BodyPublishers.noBody();
  }

  private static String encode(String part) {
    return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
