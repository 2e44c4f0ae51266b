package dev.fastci.backend;

/**
 * The network the jobs of one run share, like the containers of a Kubernetes pod: one network
 * namespace per run, held by a tiny container, which each job container joins. Joining a namespace
 * that exists is far cheaper than Docker making a new one (a veth pair, bridge and iptables work)
 * for every job.
 */
public interface RunNetworks extends AutoCloseable {
  /** Every job gets a network namespace of its own, made by Docker. */
  RunNetworks PER_JOB =
      new RunNetworks() {
        @Override
        public String join(String runId) {
          return null;
        }

        @Override
        public void leave(String runId) {}
      };

  /**
   * The network mode for a container of the run ({@code container:NAME}), making the run's network
   * when it has none yet; null for Docker's default (a namespace of the container's own).
   */
  String join(String runId);

  /** The run ended and its job containers are gone: removes its network, if it has one. */
  void leave(String runId);

  /** The worker stops: frees what the networks keep ahead. Runs still going keep theirs. */
  @Override
  default void close() {}
}
