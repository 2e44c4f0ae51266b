package dev.fastci.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code fastci}: the top command, whose subcommands {@link FastciMain} adds. Alone it prints the
 * usage on err and exits 2; {@code fastci help}, {@code -h} and {@code --help} print it on out.
 */
@Command(name = "fastci")
final class FastciCommand implements Callable<Integer> {
  @Mixin HelpOption help;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().print(usage());
    spec.commandLine().getErr().flush();
    return FastciMain.USAGE;
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
          user add NAME --role R | list | role NAME R | password NAME | delete NAME
               | token NAME --name T
                          the store's users and tokens, while the server is stopped
        fastci COMMAND --help (or fastci help COMMAND) describes a command; bad arguments exit 2
        settings (environment): FASTCI_DATA_DIR (./data), FASTCI_TEMPORAL_TARGET (embedded),
          FASTCI_WORKER_HOST_ID (hostname), FASTCI_WORKER_MAX_PARALLEL_JOBS (2 x cores),
          FASTCI_HOOK_SECRET (<data dir>/hook-secret),
          FASTCI_VOLUMES_ALLOWED_ROOTS (unset: any host path but the Docker socket and /)
        """;
  }
}
