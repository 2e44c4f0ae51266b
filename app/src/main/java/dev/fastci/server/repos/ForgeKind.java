package dev.fastci.server.repos;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a registered repository lives: a forge with webhooks and a status API, or the git hook. */
public enum ForgeKind {
  GITHUB,
  /** Gitea, and Forgejo, which speaks the same API and webhooks. */
  GITEA,
  GITLAB,
  /** A bare repository on the server's host with the post-receive hook: no API, no statuses. */
  GIT;

  /** The name in the API, the URLs and the store: {@code github}, {@code gitea}, ... */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean isForge() {
    return this != GIT;
  }

  public static Optional<ForgeKind> of(String id) {
    return Arrays.stream(values()).filter(k -> k.id().equals(id)).findFirst();
  }
}
