package dev.fastci.server.repos;

import dev.fastci.server.FastciProperties;
import java.net.URI;
import java.net.URISyntaxException;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * {@code fastci.public-url}: where users and forges reach this server. Commit statuses link to run
 * pages under it, and the repository pages show the webhook URL with it, so it is required once a
 * repository is registered with a forge; a server whose store has one and no URL does not start.
 */
@Component
public class PublicUrl implements SmartInitializingSingleton {
  private final String base;
  private final RepoStore repos;

  public PublicUrl(FastciProperties properties, RepoStore repos) {
    this.base = normalized(properties.publicUrl());
    this.repos = repos;
  }

  /** Checked once the store is migrated, before the server takes requests. */
  @Override
  public void afterSingletonsInstantiated() {
    if (base == null && repos.anyForge()) {
      throw new IllegalStateException(
          "fastci.public-url (FASTCI_PUBLIC_URL) is not set, and a repository is registered with"
              + " a forge: its commit statuses link to run pages under that URL");
    }
  }

  public boolean isSet() {
    return base != null;
  }

  /** The URL of a path of this server ({@code /runs/x}); the path alone when no URL is set. */
  public String of(String path) {
    return (base == null ? "" : base) + path;
  }

  /** The URL a forge posts its webhooks to. */
  public String webhook(ForgeKind forge) {
    return of("/api/hooks/" + forge.id());
  }

  /** An absolute http(s) URL without a trailing slash, or null for none. */
  private static String normalized(String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    String stripped = url.strip().replaceAll("/+$", "");
    try {
      URI uri = new URI(stripped);
      if (uri.getHost() == null
          || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
        throw new URISyntaxException(stripped, "not an absolute http(s) URL");
      }
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "fastci.public-url must be an absolute http(s) URL like https://ci.example.com, got "
              + url);
    }
    return stripped;
  }
}
