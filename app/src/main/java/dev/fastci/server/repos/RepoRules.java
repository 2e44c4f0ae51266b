package dev.fastci.server.repos;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fastci.secrets.SecretSource;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The fields of a repository's registration ({@code POST /api/repos}, the form) and of a change
 * ({@code PATCH}): every problem by its field, the defaults filled in. Token and webhook secrets
 * are names of secrets this server must have, never values.
 */
final class RepoRules {
  private static final Set<String> FIELDS =
      Set.of(
          "forge",
          "name",
          "clone_url",
          "api_url",
          "token_secret",
          "hook_secret",
          "default_branch",
          "approve_forks",
          "trusted");
  private static final Pattern OWNER_REPO = Pattern.compile("[A-Za-z0-9._-]+/[A-Za-z0-9._-]+");
  private static final Pattern PROJECT_PATH = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)+");
  private static final Pattern SECRET = Pattern.compile("[A-Z_][A-Z0-9_]*");
  private static final Pattern BRANCH = Pattern.compile("[^\\s~^:?*\\[\\\\]{1,255}");

  private final SecretSource secrets;

  RepoRules(SecretSource secrets) {
    this.secrets = secrets;
  }

  /** The repository that {@code body} registers, or every problem of it. */
  Repo create(JsonNode body) {
    return checked(body, null);
  }

  /** {@code repo} with the fields that {@code body} gives changed, or every problem of it. */
  Repo patch(Repo repo, JsonNode body) {
    return checked(body, repo);
  }

  private Repo checked(JsonNode body, Repo before) {
    List<FieldError> errors = new ArrayList<>();
    if (body == null || !body.isObject()) {
      throw new InvalidRepoException(List.of(new FieldError("$", "must be a JSON object")));
    }
    body.fieldNames()
        .forEachRemaining(
            f -> {
              if (!FIELDS.contains(f)) {
                errors.add(new FieldError(f, "unknown field"));
              }
            });
    ForgeKind forge = forge(body, before, errors);
    Fields fields = new Fields(body, before, errors);
    String name = fields.text("name", before == null ? null : before.name(), true);
    if (forge != null && name != null && !nameFits(forge, name)) {
      errors.add(new FieldError("name", nameRule(forge)));
    }
    String cloneUrl = fields.text("clone_url", before == null ? null : before.cloneUrl(), false);
    String apiUrl = fields.text("api_url", before == null ? null : before.apiUrl(), false);
    String token = fields.text("token_secret", before == null ? null : before.tokenSecret(), false);
    String hook = fields.text("hook_secret", before == null ? null : before.hookSecret(), false);
    String branch =
        fields.text("default_branch", before == null ? "main" : before.defaultBranch(), false);
    boolean approveForks = fields.flag("approve_forks", before == null || before.approveForks());
    boolean trusted = fields.flag("trusted", before != null && before.trusted());
    if (branch == null || !BRANCH.matcher(branch).matches()) {
      errors.add(new FieldError("default_branch", "must be a branch name"));
    }
    if (forge == ForgeKind.GIT) {
      cloneUrl = cloneUrl == null ? name : cloneUrl;
      notForGit("api_url", apiUrl, errors);
      notForGit("token_secret", token, errors);
      notForGit("hook_secret", hook, errors);
    } else if (forge != null) {
      if (httpUrl("clone_url", cloneUrl, true, errors)) {
        apiUrl = apiUrl == null ? ApiUrls.defaultFor(forge, cloneUrl) : apiUrl;
      }
      httpUrl("api_url", apiUrl, false, errors);
      secret("token_secret", token, errors);
      secret("hook_secret", hook, errors);
    }
    if (!errors.isEmpty()) {
      throw new InvalidRepoException(errors);
    }
    return new Repo(
        before == null ? 0 : before.id(),
        forge,
        name,
        cloneUrl,
        apiUrl,
        token,
        hook,
        branch,
        approveForks,
        trusted,
        before == null ? Instant.now() : before.createdAt());
  }

  private static ForgeKind forge(JsonNode body, Repo before, List<FieldError> errors) {
    JsonNode value = body.get("forge");
    if (before != null) {
      if (value != null && !value.asText().equals(before.forge().id())) {
        errors.add(new FieldError("forge", "cannot be changed: register the repository again"));
      }
      return before.forge();
    }
    if (value == null || !value.isTextual() || ForgeKind.of(value.textValue()).isEmpty()) {
      errors.add(new FieldError("forge", "must be one of github, gitea, gitlab, git"));
      return null;
    }
    return ForgeKind.of(value.textValue()).orElseThrow();
  }

  private static boolean nameFits(ForgeKind forge, String name) {
    return switch (forge) {
      case GITHUB, GITEA -> OWNER_REPO.matcher(name).matches();
      case GITLAB -> PROJECT_PATH.matcher(name).matches();
      case GIT -> name.length() <= 300;
    };
  }

  private static String nameRule(ForgeKind forge) {
    return switch (forge) {
      case GITHUB, GITEA -> "must be owner/repo";
      case GITLAB -> "must be the project's path, like group/project";
      case GIT -> "must be the repository's path as the hook reports it";
    };
  }

  private static void notForGit(String field, String value, List<FieldError> errors) {
    if (value != null) {
      errors.add(new FieldError(field, "is not used with forge git (the hook has its own secret)"));
    }
  }

  private static boolean httpUrl(
      String field, String value, boolean required, List<FieldError> errors) {
    if (value == null) {
      if (required) {
        errors.add(new FieldError(field, "required"));
      }
      return false;
    }
    try {
      URI uri = new URI(value);
      if (uri.getUserInfo() != null) {
        errors.add(new FieldError(field, "must not hold credentials: name a token_secret instead"));
        return false;
      }
      if (uri.getHost() != null
          && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
        return true;
      }
    } catch (java.net.URISyntaxException invalid) {
      // named below
    }
    errors.add(new FieldError(field, "must be an http(s) URL"));
    return false;
  }

  private void secret(String field, String name, List<FieldError> errors) {
    if (name == null) {
      errors.add(new FieldError(field, "required: the name of a secret of this server"));
    } else if (!SECRET.matcher(name).matches()) {
      errors.add(new FieldError(field, "must be a secret name matching [A-Z_][A-Z0-9_]*"));
    } else if (secrets.value(name) == null) {
      errors.add(
          new FieldError(
              field,
              "secret "
                  + name
                  + " is not set on the server ("
                  + SecretSource.variable(name)
                  + ")"));
    }
  }
}
