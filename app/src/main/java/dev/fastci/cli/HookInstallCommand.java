package dev.fastci.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Map;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.lib.Config;

/**
 * {@code fastci hook install REPO --server URL [--secret S]}: installs the post-receive hook (the
 * {@code hooks/post-receive} script of this project) into a git repository, with {@code
 * fastci-hook.conf} (mode 600) beside it holding the server's URL and the hook secret. A foreign
 * post-receive hook is kept as {@code post-receive.local}, which ours runs first; our own hook is
 * just updated.
 */
final class HookInstallCommand {
  static final String MARKER = "# fastci post-receive hook";
  static final String HOOK = "post-receive";
  static final String LOCAL_HOOK = "post-receive.local";
  static final String CONF = "fastci-hook.conf";
  static final String USAGE_LINE = "usage: fastci hook install REPO --server URL [--secret S]";
  private static final String RESOURCE = "/hooks/post-receive";
  private static final String SECRET_FILE = "hook-secret";

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

  private record Secret(String value, String source) {}

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
    Path gitDir = gitDir(Path.of(repo));
    if (gitDir == null) {
      return FastciMain.USAGE;
    }
    Secret secret;
    try {
      secret = secret(explicitSecret);
    } catch (IOException e) {
      err.println("fastci: cannot read the hook secret: " + e.getMessage());
      return FastciMain.USAGE;
    }
    if (secret == null) {
      err.println(
          "fastci: no hook secret: pass --secret S, set FASTCI_HOOK_SECRET, or start the server"
              + " once with this data dir so that it writes "
              + settings.dataDir().resolve(SECRET_FILE)
              + " (it must be the server's fastci.hook-secret)");
      return FastciMain.USAGE;
    }
    try {
      return install(gitDir, url, secret);
    } catch (IOException e) {
      err.println("fastci: cannot install the hook into " + gitDir + ": " + e);
      return FastciMain.NOT_SUCCEEDED;
    }
  }

  private int install(Path gitDir, String url, Secret secret) throws IOException {
    Path hooks = gitDir.resolve("hooks");
    Path hook = hooks.resolve(HOOK);
    Path local = hooks.resolve(LOCAL_HOOK);
    boolean exists = Files.exists(hook, LinkOption.NOFOLLOW_LINKS);
    boolean ours = exists && isOurs(hook);
    boolean chain = exists && !ours;
    if (chain && Files.exists(local, LinkOption.NOFOLLOW_LINKS)) {
      err.println(
          "fastci: "
              + hook
              + " is not the fastci hook and "
              + local
              + " exists already: merge them into "
              + LOCAL_HOOK
              + " (ours runs it first), remove "
              + HOOK
              + ", then install again");
      return FastciMain.USAGE;
    }
    Files.createDirectories(hooks);
    UserPrincipal repoOwner = Files.getOwner(gitDir);
    Path conf = hooks.resolve(CONF);
    Path newConf = newFile(hooks, confText(url, secret.value()).getBytes(StandardCharsets.UTF_8));
    Path newHook = newFile(hooks, script());
    try {
      Files.setPosixFilePermissions(newConf, PosixFilePermissions.fromString("rw-------"));
      Files.setPosixFilePermissions(newHook, PosixFilePermissions.fromString("rwxr-xr-x"));
      giveTo(repoOwner, newConf, newHook);
      replace(newConf, conf);
      if (chain) {
        keepAsLocal(hook, local);
      }
      replace(newHook, hook);
    } finally {
      Files.deleteIfExists(newConf);
      Files.deleteIfExists(newHook);
    }

    if (chain) {
      out.println(
          "kept the existing "
              + HOOK
              + " hook as "
              + local
              + (Files.isExecutable(local)
                  ? "; the fastci hook runs it first, with the same input"
                  : "; it is not executable, so it stays inactive as before"));
    }
    out.println((ours ? "updated the fastci hook " : "installed the fastci hook ") + hook);
    if (ours && Files.exists(local, LinkOption.NOFOLLOW_LINKS)) {
      out.println("kept " + local + "; the fastci hook runs it first");
    }
    out.println("wrote " + conf + " (mode 600): server " + url + ", secret " + secret.source());
    out.println("pushes to " + gitDir + " now start their pipelines on " + url);
    warnIfHooksPathSet(gitDir);
    return FastciMain.OK;
  }

  /** The git dir of a repository: the path itself (bare, or a .git dir) or its .git dir. */
  private Path gitDir(Path repo) {
    Path path = repo.toAbsolutePath().normalize();
    if (!Files.isDirectory(path)) {
      err.println("fastci: " + repo + " is not a directory");
      return null;
    }
    if (isGitDir(path)) {
      return path;
    }
    Path dotGit = path.resolve(".git");
    if (Files.isDirectory(dotGit) && isGitDir(dotGit)) {
      return dotGit;
    }
    if (Files.isRegularFile(dotGit)) {
      err.println(
          "fastci: "
              + dotGit
              + " is a file (a linked worktree or a submodule): pass the repository's git dir");
    } else {
      err.println("fastci: " + repo + " is not a git repository (no HEAD, no .git)");
    }
    return null;
  }

  private static boolean isGitDir(Path dir) {
    return Files.isRegularFile(dir.resolve("HEAD")) && Files.isDirectory(dir.resolve("objects"));
  }

  private Secret secret(String explicit) throws IOException {
    if (explicit != null && !explicit.isBlank()) {
      return new Secret(explicit, "from --secret");
    }
    String value = System.getProperty("fastci.hook-secret");
    if (value == null || value.isBlank()) {
      value = env.get("FASTCI_HOOK_SECRET");
    }
    if (value != null && !value.isBlank()) {
      return new Secret(value, "from FASTCI_HOOK_SECRET");
    }
    Path file = settings.dataDir().resolve(SECRET_FILE);
    if (Files.isRegularFile(file)) {
      String stored = Files.readString(file).strip();
      if (!stored.isEmpty()) {
        return new Secret(stored, "from " + file);
      }
    }
    return null;
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

  /** Whether the hook carries our marker line (a dangling link or unreadable file does not). */
  private static boolean isOurs(Path hook) {
    try {
      String text = new String(Files.readAllBytes(hook), StandardCharsets.ISO_8859_1);
      return ("\n" + text.replace("\r\n", "\n") + "\n").contains("\n" + MARKER + "\n");
    } catch (IOException e) {
      return false;
    }
  }

  private static byte[] script() throws IOException {
    try (InputStream in = HookInstallCommand.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IOException("the hook script " + RESOURCE + " is missing from the classpath");
      }
      return in.readAllBytes();
    }
  }

  static String confText(String url, String secret) {
    return "# FastCI post-receive hook settings, written by `fastci hook install`.\n"
        + "# Environment variables of the same names override them.\n"
        + "FASTCI_URL="
        + shellQuote(url)
        + "\nFASTCI_HOOK_SECRET="
        + shellQuote(secret)
        + "\n";
  }

  private static String shellQuote(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }

  /** A new file of the hooks dir, readable only by us until its mode is set. */
  private static Path newFile(Path dir, byte[] content) throws IOException {
    Path file =
        Files.createTempFile(
            dir,
            ".fastci-",
            ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.write(file, content);
    return file;
  }

  /**
   * The hook runs as the user git runs as: when we can (as root), the new files belong to the
   * repository's owner, so that a mode 600 conf stays readable to the hook.
   */
  private void giveTo(UserPrincipal owner, Path... files) {
    for (Path file : files) {
      try {
        if (!Files.getOwner(file).equals(owner)) {
          Files.setOwner(file, owner);
        }
      } catch (IOException | UnsupportedOperationException e) {
        err.println(
            "fastci: warning: the hook files belong to "
                + System.getProperty("user.name")
                + ", not to "
                + owner.getName()
                + " who owns the repository; the hook must be able to read "
                + CONF);
        return;
      }
    }
  }

  /** Atomically replaces target (a symbolic link itself, not what it points to) by source. */
  private static void replace(Path source, Path target) throws IOException {
    try {
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * Keeps the foreign hook as post-receive.local: a hard link, so that a push during the install
   * still finds a post-receive until ours replaces it; a rename where links are not possible.
   */
  private static void keepAsLocal(Path hook, Path local) throws IOException {
    try {
      Files.createLink(local, hook);
    } catch (FileAlreadyExistsException e) {
      throw e;
    } catch (IOException | UnsupportedOperationException e) {
      Files.move(hook, local);
    }
  }

  private void warnIfHooksPathSet(Path gitDir) {
    Path file = gitDir.resolve("config");
    try {
      Config config = new Config();
      config.fromText(Files.readString(file));
      String hooksPath = config.getString("core", null, "hooksPath");
      if (hooksPath != null && !hooksPath.isBlank()) {
        err.println(
            "fastci: warning: core.hooksPath is "
                + hooksPath
                + " in "
                + file
                + ": git runs the hooks from there, not from "
                + gitDir.resolve("hooks"));
      }
    } catch (IOException | ConfigInvalidException e) {
      // no readable config: git uses the hooks dir
    }
  }

  private int usage() {
    err.println(USAGE_LINE);
    return FastciMain.USAGE;
  }
}
