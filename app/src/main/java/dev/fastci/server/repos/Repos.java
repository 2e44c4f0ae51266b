package dev.fastci.server.repos;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fastci.secrets.SecretSource;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Registers, changes and removes repositories: every change of one goes through here. */
@Service
public class Repos {
  private final RepoStore store;
  private final RepoRules rules;
  private final PublicUrl urls;

  public Repos(RepoStore store, SecretSource secrets, PublicUrl urls) {
    this.store = store;
    this.rules = new RepoRules(secrets);
    this.urls = urls;
  }

  /**
   * @throws InvalidRepoException with every problem; also when a forge's repository is registered
   *     before {@code fastci.public-url} is set, or the same one twice
   */
  public Repo register(JsonNode body) {
    Repo repo = rules.create(body);
    if (repo.forge().isForge() && !urls.isSet()) {
      throw new InvalidRepoException(
          List.of(
              new FieldError(
                  "forge",
                  "set fastci.public-url (FASTCI_PUBLIC_URL) on the server first: commit statuses"
                      + " link to run pages under it")));
    }
    unique(repo);
    return store.insert(repo);
  }

  public Repo change(long id, JsonNode body) {
    Repo changed = rules.patch(get(id), body);
    unique(changed);
    store.update(changed);
    return get(id);
  }

  public void remove(long id) {
    if (!store.delete(id)) {
      throw new RepoNotFoundException(id);
    }
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
