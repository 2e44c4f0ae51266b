package dev.fastci.backend;

/**
 * A container as the engine sees it now, for a service's readiness.
 *
 * @param running whether it runs
 * @param exitCode its exit code once it ended by itself, else null (also when it is gone)
 * @param health its image's {@code HEALTHCHECK} verdict; {@link Health#NONE} when it has none
 */
public record ContainerStatus(boolean running, Integer exitCode, Health health) {
  /** A container that is not there (any more). */
  public static final ContainerStatus GONE = new ContainerStatus(false, null, Health.NONE);

  /** Docker's {@code State.Health.Status}. */
  public enum Health {
    NONE,
    STARTING,
    HEALTHY,
    UNHEALTHY
  }
}
