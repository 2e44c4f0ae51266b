package dev.fastci.git;

import java.util.Map;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.NetRCCredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * Credentials for remote repositories, set once per worker process (at its first checkout). HTTPS:
 * {@code FASTCI_GIT_USERNAME} and {@code FASTCI_GIT_PASSWORD} (a token), else the worker user's
 * {@code ~/.netrc}. SSH: the worker user's {@code ~/.ssh} keys and {@code known_hosts}, through
 * JGit's Apache MINA SSH transport.
 */
public final class GitCredentials {
  private GitCredentials() {}

  private static volatile boolean installed;

  private static void install(Map<String, String> env) {
    CredentialsProvider.setDefault(from(env));
    installed = true;
  }

  /** Installs them unless this process did already (the first checkout does). */
  static void installOnce(Map<String, String> env) {
    if (!installed) {
      install(env);
    }
  }

  static CredentialsProvider from(Map<String, String> env) {
    String user = env.get("FASTCI_GIT_USERNAME");
    String password = env.get("FASTCI_GIT_PASSWORD");
    if (user != null && !user.isBlank() && password != null) {
      return new UsernamePasswordCredentialsProvider(user, password);
    }
    return new NetRCCredentialsProvider();
  }
}
