package dev.fastci.server.repos;

import java.net.URI;

/** The API root a forge has when none is given, from the repository's clone URL. */
final class ApiUrls {
  private ApiUrls() {}

  static String defaultFor(ForgeKind forge, String cloneUrl) {
    URI clone = URI.create(cloneUrl);
    String host =
        clone.getScheme()
            + "://"
            + clone.getHost()
            + (clone.getPort() == -1 ? "" : ":" + clone.getPort());
    return switch (forge) {
      case GITHUB -> "https://api.github.com";
      case GITEA -> host + "/api/v1";
      case GITLAB -> host + "/api/v4";
      case GIT -> null;
    };
  }
}
