package dev.fastci.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code fastci hook install REPO --server URL [--secret S]}: checks its input, finds the secret
 * ({@link HookSecrets}) and the git dir ({@link GitDirs}), then lets {@link HookInstaller} install
 * the post-receive hook.
 */
final class HookInstallCommand {
  static final String USAGE_LINE = "usage: fastci hook install REPO --server URL [--secret S]";

  private final CliSettings settings;
  private final Map<String, String> env;
  private final PrintStream out;
  private final PrintStream err;

  HookInstallCommand(
      CliSettings settings, Map<String, String> env, PrintStream out, PrintStream err) {
    this.settings = settings;
    this.env = env;
    this.out = out;
    this.err = err;
  }

  int run(String[] args) {
    String repo = null;
    String server = null;
    String explicitSecret = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--server") && i + 1 < args.length) {
        server = args[++i];
      } else if (args[i].equals("--secret") && i + 1 < args.length) {
        explicitSecret = args[++i];
      } else if (repo == null && !args[i].startsWith("--")) {
        repo = args[i];
      } else {
        return usage();
      }
    }
    if (repo == null || server == null) {
      return usage();
    }
    String url = serverUrl(server);
    if (url == null) {
      err.println("fastci: --server must be an http:// or https:// URL, not '" + server + "'");
      return FastciMain.USAGE;
    }
    Path gitDir = GitDirs.gitDir(Path.of(repo), err);
    if (gitDir == null) {
      return FastciMain.USAGE;
    }
    HookSecrets.Secret secret;
    try {
      secret = HookSecrets.find(explicitSecret, env, settings.dataDir());
    } catch (IOException e) {
      err.println("fastci: cannot read the hook secret: " + e.getMessage());
      return FastciMain.USAGE;
    }
    if (secret == null) {
      err.println(
          "fastci: no hook secret: pass --secret S, set FASTCI_HOOK_SECRET, or start the server"
              + " once with this data dir so that it writes "
              + settings.dataDir().resolve(HookSecrets.SECRET_FILE)
              + " (it must be the server's fastci.hook-secret)");
      return FastciMain.USAGE;
    }
    try {
      return new HookInstaller(out, err).install(gitDir, url, secret);
    } catch (IOException e) {
      err.println("fastci: cannot install the hook into " + gitDir + ": " + e);
      return FastciMain.NOT_SUCCEEDED;
    }
  }

  /** The URL without trailing slashes, or null when it is not an http(s) URL with a host. */
  private static String serverUrl(String server) {
    String url = server.strip();
    while (url.endsWith("/")) {
      url = url.substring(0, url.length() - 1);
    }
    try {
      URI uri = new URI(url);
      boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
      return http && uri.getHost() != null ? url : null;
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private int usage() {
    err.println(USAGE_LINE);
    return FastciMain.USAGE;
  }
}
