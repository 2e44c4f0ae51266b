package dev.fastci.cli;

import dev.fastci.server.FastciServerApplication;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/** The {@code fastci} command: dispatches to the subcommand. */
public final class FastciMain {
  static final int OK = 0;
  static final int NOT_SUCCEEDED = 1;
  static final int USAGE = 2;

  private FastciMain() {}

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("server")) {
      // The server runs until it is stopped; its threads keep the JVM alive.
      FastciServerApplication.main(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.print(usage());
      return USAGE;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    if (List.of("run", "validate", "worker").contains(args[0])) {
      CliSettings settings;
      try {
        settings = CliSettings.fromEnvironment();
      } catch (IllegalArgumentException badSetting) {
        err.println("fastci: " + badSetting.getMessage());
        return USAGE;
      }
      return switch (args[0]) {
        case "run" -> new RunCommand(settings, out, err).run(rest);
        case "validate" -> new ValidateCommand(settings, out, err).run(rest);
        default -> new WorkerCommand(settings, out, err).run(rest);
      };
    }
    return switch (args[0]) {
      case "hook" -> hook(rest, out, err);
      case "help", "--help", "-h" -> {
        out.print(usage());
        yield OK;
      }
      default -> {
        err.println("fastci: unknown command '" + args[0] + "'");
        err.print(usage());
        yield USAGE;
      }
    };
  }

  private static int hook(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || !args[0].equals("install")) {
      err.println(HookInstallCommand.USAGE_LINE);
      return USAGE;
    }
    return new HookInstallCommand(CliSettings.fromEnvironment(), System.getenv(), out, err)
        .run(Arrays.copyOfRange(args, 1, args.length));
  }

  static String usage() {
    return """
        usage: fastci <command> [args]
          run FILE        run a pipeline (JSON or YAML) on the embedded engine and follow it
                          exit 0 when it succeeded, 1 when not, 2 when the spec is invalid
          validate FILE   print the spec's problems; exit 0 when valid, 2 when not
          server          the HTTP API (and web UI) with the embedded engine, on server.port
          worker          serve jobs for the Temporal cluster at FASTCI_TEMPORAL_TARGET, sending
                          their logs to FASTCI_WORKER_SERVER_URL (with FASTCI_API_TOKEN)
          hook install REPO --server URL [--secret S]
                          install the git post-receive hook that starts REPO's pipelines
                          on the server at each push
        settings (environment): FASTCI_DATA_DIR (./data), FASTCI_TEMPORAL_TARGET (embedded),
          FASTCI_WORKER_HOST_ID (hostname), FASTCI_WORKER_MAX_PARALLEL_JOBS (2 x cores),
          FASTCI_HOOK_SECRET (<data dir>/hook-secret),
          FASTCI_VOLUMES_ALLOWED_ROOTS (unset: any host path but the Docker socket and /)
        """;
  }
}
