package dev.fastci.server.forge.github;

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
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * GitHub: webhooks signed {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256>}, events in {@code
 * X-GitHub-Event}, statuses through {@code POST /repos/{owner}/{repo}/statuses/{sha}}.
 */
@Component
class GitHubForge implements Forge {
  static final String EVENT = "X-GitHub-Event";
  static final String SIGNATURE = "X-Hub-Signature-256";

  @Override
  public ForgeKind kind() {
    return ForgeKind.GITHUB;
  }

  @Override
  public boolean verified(HookRequest request, String secret) {
    return Signatures.equal(
        "sha256=" + Signatures.hmacSha256Hex(secret, request.body()), request.header(SIGNATURE));
  }

  @Override
  public String deliveryId(HookRequest request) {
    return request.header("X-GitHub-Delivery");
  }

  @Override
  public String repository(HookRequest request) {
    return Payloads.text(request.json(), "repository.full_name");
  }

  @Override
  public Hook parse(HookRequest request) {
    String event = request.header(EVENT);
    if (event == null) {
      throw new BadHookException("the delivery has no " + EVENT + " header");
    }
    return switch (event) {
      case "ping" -> new Hook.Ping();
      case "push" -> GitHubHooks.push(request.json());
      case "pull_request" -> GitHubHooks.pullRequest(request.json());
      default -> new Hook.Ignored("event " + event + " starts nothing");
    };
  }

  @Override
  public String cloneUser() {
    return "x-access-token";
  }

  @Override
  public String pullRequestRef(int number) {
    return "refs/pull/" + number + "/head";
  }

  /** GitHub's status API: see {@link StatusCalls#repoStatus}. */
  @Override
  public StatusCall status(Repo repo, CommitStatus status, String token) {
    return StatusCalls.repoStatus(
        repo,
        status,
        Map.of(
            "Authorization", "Bearer " + token,
            "Accept", "application/vnd.github+json",
            "X-GitHub-Api-Version", "2022-11-28"));
  }
}
