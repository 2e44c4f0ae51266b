package dev.fastci.server.forge.gitea;

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
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Gitea and Forgejo: webhooks signed {@code X-Gitea-Signature} (Forgejo also {@code
 * X-Forgejo-Signature}: the hex HMAC-SHA256, no prefix), events in {@code X-Gitea-Event}, statuses
 * through {@code POST /repos/{owner}/{repo}/statuses/{sha}} as on GitHub.
 */
@Component
class GiteaForge implements Forge {
  static final String EVENT = "X-Gitea-Event";

  @Override
  public ForgeKind kind() {
    return ForgeKind.GITEA;
  }

  @Override
  public boolean verified(HookRequest request, String secret) {
    String given = request.header("X-Gitea-Signature", "X-Forgejo-Signature");
    return Signatures.equal(
        Signatures.hmacSha256Hex(secret, request.body()),
        given == null ? null : given.toLowerCase(Locale.ROOT));
  }

  @Override
  public String deliveryId(HookRequest request) {
    return request.header("X-Gitea-Delivery", "X-Forgejo-Delivery");
  }

  @Override
  public String repository(HookRequest request) {
    return Payloads.text(request.json(), "repository.full_name");
  }

  @Override
  public Hook parse(HookRequest request) {
    String event = request.header(EVENT, "X-Forgejo-Event");
    if (event == null) {
      throw new BadHookException("the delivery has no " + EVENT + " header");
    }
    return switch (event) {
      case "push" -> GiteaHooks.push(request.json());
      case "pull_request" -> GiteaHooks.pullRequest(request.json());
      default -> new Hook.Ignored("event " + event + " starts nothing");
    };
  }

  @Override
  public String cloneUser() {
    return "fastci"; // Gitea takes the token as the password of any user name
  }

  @Override
  public String pullRequestRef(int number) {
    return "refs/pull/" + number + "/head";
  }

  /** GitHub's status API, as Gitea took it over: see {@link StatusCalls#repoStatus}. */
  @Override
  public StatusCall status(Repo repo, CommitStatus status, String token) {
    return StatusCalls.repoStatus(
        repo, status, Map.of("Authorization", "token " + token, "Accept", "application/json"));
  }
}
