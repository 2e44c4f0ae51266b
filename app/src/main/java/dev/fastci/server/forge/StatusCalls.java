package dev.fastci.server.forge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fastci.server.repos.Repo;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import java.util.TreeMap;

/** What the forges' status calls share: the URL under the API root, the JSON body, its limits. */
public final class StatusCalls {
  /** GitHub cuts a description at 140 characters; the others take as much. */
  static final int MAX_DESCRIPTION = 140;

  private static final ObjectMapper JSON = new ObjectMapper();

  private StatusCalls() {}

  /**
   * The status call of GitHub's API, which Gitea (and Forgejo) took over: {@code POST
   * /repos/{owner}/{repo}/statuses/{sha}} with {@code pending} (also while waiting or running),
   * {@code success}, {@code failure}, or {@code error} for a cancelled run. The forges differ in
   * how the token is sent, which {@code headers} carry.
   */
  public static StatusCall repoStatus(Repo repo, CommitStatus status, Map<String, String> headers) {
    String state =
        switch (status.state()) {
          case PENDING, WAITING, RUNNING -> "pending";
          case SUCCESS -> "success";
          case FAILURE -> "failure";
          case CANCELLED -> "error";
        };
    return new StatusCall(
        uri(repo.apiUrl(), "/repos/" + repo.name() + "/statuses/" + status.sha()),
        headers,
        json(
            Map.of(
                "state", state,
                "context", status.context(),
                "description", cut(status.description()),
                "target_url", status.targetUrl())));
  }

  /** The API root and a path that starts with a slash. */
  public static URI uri(String apiUrl, String path) {
    return URI.create(apiUrl.replaceAll("/+$", "") + path);
  }

  /** The fields as a JSON object, in name order; null values left out. */
  public static String json(Map<String, String> fields) {
    Map<String, String> sorted = new TreeMap<>();
    fields.forEach((k, v) -> sorted.put(k, v));
    sorted.values().removeIf(v -> v == null);
    try {
      return JSON.writeValueAsString(sorted);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The description cut to what every forge takes. */
  public static String cut(String description) {
    if (description == null || description.length() <= MAX_DESCRIPTION) {
      return description;
    }
    return description.substring(0, MAX_DESCRIPTION - 1) + "…";
  }
}
