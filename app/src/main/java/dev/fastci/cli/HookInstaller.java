package dev.fastci.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;

/**
 * Installs the post-receive hook (the {@code hooks/post-receive} script of this project) into a git
 * dir, with {@code fastci-hook.conf} (mode 600) beside it holding the server's URL and the hook
 * secret. A foreign post-receive hook is kept as {@code post-receive.local}, which ours runs first;
 * our own hook is just updated. Each file is written aside and moved into place.
 */
final class HookInstaller {
  static final String MARKER = "# fastci post-receive hook";
  static final String HOOK = "post-receive";
  static final String LOCAL_HOOK = "post-receive.local";
  static final String CONF = "fastci-hook.conf";
  private static final String RESOURCE = "/hooks/post-receive";

  private final PrintStream out;
  private final PrintStream err;

  HookInstaller(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** Installs, reporting on out and err: 0, or 2 when a foreign hook and a local one exist. */
  int install(Path gitDir, String url, HookSecrets.Secret secret) throws IOException {
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
    Path newConf =
        HookFiles.newFile(hooks, confText(url, secret.value()).getBytes(StandardCharsets.UTF_8));
    Path newHook = HookFiles.newFile(hooks, script());
    try {
      Files.setPosixFilePermissions(newConf, PosixFilePermissions.fromString("rw-------"));
      Files.setPosixFilePermissions(newHook, PosixFilePermissions.fromString("rwxr-xr-x"));
      giveTo(repoOwner, newConf, newHook);
      HookFiles.replace(newConf, conf);
      if (chain) {
        HookFiles.keepAsLocal(hook, local);
      }
      HookFiles.replace(newHook, hook);
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
    GitDirs.warnIfHooksPathSet(gitDir, err);
    return FastciMain.OK;
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
    try (InputStream in = HookInstaller.class.getResourceAsStream(RESOURCE)) {
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
}
