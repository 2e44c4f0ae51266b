package dev.fastci.server.repos;

/** No repository is registered with that id. */
public class RepoNotFoundException extends RuntimeException {
  public RepoNotFoundException(long id) {
    super("no repository " + id);
  }
}
