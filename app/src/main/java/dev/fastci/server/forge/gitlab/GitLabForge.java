package dev.fastci.server.forge.gitlab;

import dev.fastci.server.forge.BadHookException;
import dev.fastci.server.forge.CommitStatus;
import dev.fastci.server.forge.Forge;
import dev.fastci.server.forge.Hook;
import dev.fastci.server.forge.HookRequest;
import dev.fastci.server.forge.Payloads;
import dev.fastci.server.forge.Signatures;
import dev.fastci.server.forge.StatusCall;
import dev.fastci.server.forge.StatusCalls;
import dev.fastci.server.repos.ForgeKind;
import dev.fastci.server.repos.Repo;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * GitLab: the webhook's secret token comes as it is in {@code X-Gitlab-Token}, events in {@code
 * X-Gitlab-Event}, statuses through {@code POST /projects/{id}/statuses/{sha}} (the id being the
 * project's URL-encoded path).
 */
@Component
class GitLabForge implements Forge {
  static final String EVENT = "X-Gitlab-Event";

  @Override
  public ForgeKind kind() {
    return ForgeKind.GITLAB;
  }

  @Override
  public boolean verified(HookRequest request, String secret) {
    return Signatures.equal(secret, request.header("X-Gitlab-Token"));
  }

  @Override
  public String deliveryId(HookRequest request) {
    return request.header("X-Gitlab-Event-UUID");
  }

  @Override
  public String repository(HookRequest request) {
    return Payloads.text(request.json(), "project.path_with_namespace");
  }

  @Override
  public Hook parse(HookRequest request) {
    String event = request.header(EVENT);
    if (event == null) {
      throw new BadHookException("the delivery has no " + EVENT + " header");
    }
    return switch (event) {
      case "Push Hook", "Tag Push Hook" -> GitLabHooks.push(request.json());
      case "Merge Request Hook" -> GitLabHooks.mergeRequest(request.json());
      default -> new Hook.Ignored("event " + event + " starts nothing");
    };
  }

  @Override
  public String cloneUser() {
    return "oauth2";
  }

  @Override
  public String pullRequestRef(int number) {
    return "refs/merge-requests/" + number + "/head";
  }

  /** pending (also waiting), running, success, failed, canceled. */
  @Override
  public StatusCall status(Repo repo, CommitStatus status, String token) {
    String state =
        switch (status.state()) {
          case PENDING, WAITING -> "pending";
          case RUNNING -> "running";
          case SUCCESS -> "success";
          case FAILURE -> "failed";
          case CANCELLED -> "canceled";
        };
    String project = URLEncoder.encode(repo.name(), StandardCharsets.UTF_8);
    return new StatusCall(
        StatusCalls.uri(repo.apiUrl(), "/projects/" + project + "/statuses/" + status.sha()),
        Map.of("PRIVATE-TOKEN", token, "Accept", "application/json"),
        StatusCalls.json(
            Map.of(
                "state", state,
                "name", status.context(),
                "description", StatusCalls.cut(status.description()),
                "target_url", status.targetUrl())));
  }

  /** GitLab refuses to set a state a commit's status has already ({@code running} again). */
  @Override
  public boolean alreadySet(int httpStatus, String body) {
    return httpStatus == 400 && body != null && body.contains("Cannot transition status");
  }
}
