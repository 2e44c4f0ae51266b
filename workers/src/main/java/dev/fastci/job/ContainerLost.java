package dev.fastci.job;

/**
 * The container went away under the job (the Docker engine restarted, or someone removed it). The
 * job ends in ERROR rather than being retried: a retry would run its command a second time.
 */
final class ContainerLost extends RuntimeException {
  ContainerLost(Throwable cause) {
    super(
        "lost the job's container ("
            + cause.getMessage()
            + "); did the Docker engine restart? Retry the job to run it again",
        cause);
  }
}
