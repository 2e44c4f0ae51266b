package dev.fastci.git;

import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * HTTPS credentials for one repository: a user name and a token. {@link #NONE} uses the process's
 * default credentials ({@code FASTCI_GIT_USERNAME}/{@code _PASSWORD}, or {@code ~/.netrc}).
 */
public record GitAuth(String username, String token) {
  public static final GitAuth NONE = new GitAuth(null, null);

  /** The credentials for JGit, or null for the default ones. */
  CredentialsProvider provider() {
    if (token == null) {
      return null;
    }
    return new UsernamePasswordCredentialsProvider(username == null ? "fastci" : username, token);
  }

  @Override
  public String toString() {
    return token == null ? "GitAuth[default]" : "GitAuth[" + username + ", token]";
  }
}
