package dev.fastci.server.repos;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * A repository as the API shows it, with what to set up on the forge: the webhook URL and the
 * events to tick. Secrets appear by name only.
 */
public record RepoView(
    long id,
    String forge,
    String name,
    @JsonProperty("clone_url") String cloneUrl,
    @JsonProperty("api_url") String apiUrl,
    @JsonProperty("token_secret") String tokenSecret,
    @JsonProperty("hook_secret") String hookSecret,
    @JsonProperty("default_branch") String defaultBranch,
    @JsonProperty("approve_forks") boolean approveForks,
    boolean trusted,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("webhook_url") String webhookUrl,
    List<String> events,
    @JsonProperty("badge_url") String badgeUrl) {

  static RepoView of(Repo repo, PublicUrl urls) {
    return new RepoView(
        repo.id(),
        repo.forge().id(),
        repo.name(),
        repo.cloneUrl(),
        repo.apiUrl(),
        repo.tokenSecret(),
        repo.hookSecret(),
        repo.defaultBranch(),
        repo.approveForks(),
        repo.trusted(),
        repo.createdAt(),
        urls.webhook(repo.forge()),
        events(repo.forge()),
        urls.of("/api/repos/" + repo.id() + "/badge.svg"));
  }

  /** What to tick in the forge's webhook settings. */
  public static List<String> events(ForgeKind forge) {
    return switch (forge) {
      case GITHUB -> List.of("Pushes", "Pull requests");
      case GITEA -> List.of("Push", "Pull Request");
      case GITLAB -> List.of("Push events", "Tag push events", "Merge request events");
      case GIT -> List.of("the post-receive hook: ./fastci hook install");
    };
  }
}
