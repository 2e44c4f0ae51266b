package dev.fastci.contract;

/** Names of the Temporal task queues FastCI uses. */
public final class TaskQueues {
  /** Workflows and host assignment: every worker polls it. */
  public static final String PIPELINES = "fastci-pipelines";

  /** Served only by the FastCI server: run history for its store. */
  public static final String SERVER = "fastci-server";

  private TaskQueues() {}

  /** The queue of one worker host: the jobs and pipeline dir of the runs pinned to it. */
  public static String forHost(String hostId) {
    return "fastci-host-" + hostId;
  }

  /**
   * The services of the runs pinned to one worker host: a queue of its own, so that a service that
   * lives as long as its run never takes one of the host's job slots.
   */
  public static String servicesOf(String hostId) {
    return "fastci-services-" + hostId;
  }

  /** Where one worker host answers whether it is alive, apart from its (maybe busy) job slots. */
  public static String livenessOf(String hostId) {
    return "fastci-alive-" + hostId;
  }
}
