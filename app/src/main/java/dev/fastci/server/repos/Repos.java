package dev.fastci.server.repos;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fastci.secrets.SecretSource;
import dev.fastci.server.audit.Actor;
import dev.fastci.server.audit.AuditLog;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Registers, changes and removes repositories: every change of one goes through here, and is
 * audited as the current user's ({@code repo.register}, {@code repo.change}, {@code repo.delete}).
 */
@Service
public class Repos {
  private final RepoStore store;
  private final RepoRules rules;
  private final PublicUrl urls;
  private final AuditLog audit;

  public Repos(RepoStore store, SecretSource secrets, PublicUrl urls, AuditLog audit) {
    this.store = store;
    this.rules = new RepoRules(secrets);
    this.urls = urls;
    this.audit = audit;
  }

  /**
   * @throws InvalidRepoException with every problem; also when a forge's repository is registered
   *     before {@code fastci.public-url} is set, or the same one twice
   */
  public Repo register(JsonNode body) {
    return audit.recorded(
        Actor.current(),
        "repo.register",
        registering(body),
        null,
        () -> {
          Repo repo = rules.create(body);
          if (repo.forge().isForge() && !urls.isSet()) {
            throw new InvalidRepoException(
                List.of(
                    new FieldError(
                        "forge",
                        "set fastci.public-url (FASTCI_PUBLIC_URL) on the server first: commit"
                            + " statuses link to run pages under it")));
          }
          unique(repo);
          return store.insert(repo);
        });
  }

  public Repo change(long id, JsonNode body) {
    return audit.recorded(
        Actor.current(),
        "repo.change",
        "repository " + id,
        null,
        () -> {
          Repo changed = rules.patch(get(id), body);
          unique(changed);
          store.update(changed);
          return get(id);
        });
  }

  public void remove(long id) {
    audit.recorded(
        Actor.current(),
        "repo.delete",
        "repository " + id,
        null,
        () -> {
          if (!store.delete(id)) {
            throw new RepoNotFoundException(id);
          }
        });
  }

  public Repo get(long id) {
    return store.find(id).orElseThrow(() -> new RepoNotFoundException(id));
  }

  public List<Repo> list() {
    return store.list();
  }

  /** The repository a hook or webhook names, when it is registered. */
  public Optional<Repo> find(ForgeKind forge, String name) {
    return store.find(forge, name);
  }

  public RepoView view(Repo repo) {
    return RepoView.of(repo, urls);
  }

  /** "repository github octo/app", as far as the body names it. */
  private static String registering(JsonNode body) {
    String named =
        body == null
            ? ""
            : (body.path("forge").asText("") + " " + body.path("name").asText("")).strip();
    return named.isEmpty() ? "repository" : "repository " + named;
  }

  private void unique(Repo repo) {
    Optional<Repo> same = store.find(repo.forge(), repo.name());
    if (same.isPresent() && same.get().id() != repo.id()) {
      throw new InvalidRepoException(
          List.of(
              new FieldError(
                  "name",
                  repo.forge().id()
                      + " repository "
                      + repo.name()
                      + " is registered already (id "
                      + same.get().id()
                      + ")")));
    }
  }
}
