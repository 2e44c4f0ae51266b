package dev.fastci.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fastci hook install REPO --server URL [--secret S]}: checks its input, finds the secret
 * ({@link HookSecrets}) and the git dir ({@link GitDirs}), then lets {@link HookInstaller} install
 * the post-receive hook.
 */
@Command(
    name = "install",
    customSynopsis = HookInstallCommand.USAGE_LINE,
    description = {
      "Installs the git post-receive hook that starts REPO's pipelines at each push.",
      "Beside it, fastci-hook.conf (mode 600) holds the server's URL and the hook secret. A"
          + " foreign post-receive hook is kept as post-receive.local, which the fastci hook runs"
          + " first."
    },
    exitCodeListHeading = "%nexit codes:%n",
    exitCodeList = {
      "0:installed",
      "1:the hook files could not be written",
      "2:bad input: nothing was installed"
    })
final class HookInstallCommand implements Callable<Integer> {
  static final String USAGE_LINE = "usage: fastci hook install REPO --server URL [--secret S]";

  private final Supplier<CliSettings> settings;
  private final Map<String, String> env;
  private final PrintStream out;
  private final PrintStream err;

  @Mixin HelpOption help;

  @Parameters(
      index = "0",
      paramLabel = "REPO",
      description = "the repository: a bare one, its .git dir, or its work tree")
  String repo;

  @Option(
      names = "--server",
      required = true,
      paramLabel = "URL",
      description = "the FastCI server (http:// or https://) that the hook starts pipelines on")
  String server;

  @Option(
      names = "--secret",
      paramLabel = "S",
      description =
          "the server's fastci.hook-secret; else FASTCI_HOOK_SECRET, else <data dir>/hook-secret")
  String explicitSecret;

  HookInstallCommand(
      Supplier<CliSettings> settings, Map<String, String> env, PrintStream out, PrintStream err) {
    this.settings = settings;
    this.env = env;
    this.out = out;
    this.err = err;
  }

  HookInstallCommand(
      CliSettings settings, Map<String, String> env, PrintStream out, PrintStream err) {
    this(() -> settings, env, out, err);
  }

  /** Parses the arguments of {@code fastci hook install} and runs it. */
  int run(String... args) {
    return FastciMain.execute(new CommandLine(this), out, err, args);
  }

  @Override
  public Integer call() {
    String url = serverUrl(server);
    if (url == null) {
      err.println("fastci: --server must be an http:// or https:// URL, not '" + server + "'");
      return FastciMain.USAGE;
    }
    Path gitDir = GitDirs.gitDir(Path.of(repo), err);
    if (gitDir == null) {
      return FastciMain.USAGE;
    }
    Path dataDir = settings.get().dataDir();
    HookSecrets.Secret secret;
    try {
      secret = HookSecrets.find(explicitSecret, env, dataDir);
    } catch (IOException e) {
      err.println("fastci: cannot read the hook secret: " + e.getMessage());
      return FastciMain.USAGE;
    }
    if (secret == null) {
      err.println(
          "fastci: no hook secret: pass --secret S, set FASTCI_HOOK_SECRET, or start the server"
              + " once with this data dir so that it writes "
              + dataDir.resolve(HookSecrets.SECRET_FILE)
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
}
