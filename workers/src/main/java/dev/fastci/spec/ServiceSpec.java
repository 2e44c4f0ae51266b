package dev.fastci.spec;

import java.util.List;
import java.util.Map;

/**
 * A container of the run beside its jobs (a database, a web server): started when the run starts,
 * in the run's network, reached by its name and at {@code localhost}, removed when the run ends.
 *
 * @param command the argv, or null for the image's own command
 * @param secrets names of secrets the service gets as env (with the pipeline's)
 * @param ready how readiness is told; null: the image's HEALTHCHECK, else started means ready
 */
public record ServiceSpec(
    String name,
    String image,
    List<String> command,
    Map<String, String> env,
    List<String> secrets,
    String memory,
    Double cpus,
    Ready ready) {

  /** The default for {@code ready.timeout_secs}. */
  public static final double DEFAULT_READY_SECS = 60;

  /**
   * How a service tells it is ready.
   *
   * @param tcp a port that must accept a connection, or null
   * @param command a command run inside the service container, exit 0 meaning ready, or null
   * @param timeoutSecs how long the service may take to become ready
   */
  public record Ready(Integer tcp, List<String> command, double timeoutSecs) {
    public Ready {
      command = command == null ? null : List.copyOf(command);
    }
  }

  public ServiceSpec {
    command = command == null ? null : List.copyOf(command);
    env = env == null ? Map.of() : Map.copyOf(env);
    secrets = secrets == null ? List.of() : List.copyOf(secrets);
  }

  /** The readiness timeout, with the default when {@code ready} is absent. */
  public double readyTimeoutSecs() {
    return ready == null ? DEFAULT_READY_SECS : ready.timeoutSecs();
  }
}
