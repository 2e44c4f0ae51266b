package dev.fastci.backend.docker;

import dev.fastci.backend.Labels;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * How the containers that hold a run's network namespace are named and labelled: {@code
 * fastci-RUN-net} for a run's holder, {@code fastci-pool-HOST-UUID} while one waits in a worker's
 * warm pool. A server's janitor knows a holder's run by its name.
 */
public final class HolderNames {
  /** The label that tells a network holder from a job container. */
  public static final String LABEL_ROLE = "dev.fastci.role";

  public static final String ROLE = "run-network";

  /** The host id of the worker whose pool the holder may go back into. */
  public static final String LABEL_POOL_HOST = "dev.fastci.pool-host";

  private static final String PREFIX = "fastci-";
  private static final String POOL_PREFIX = PREFIX + "pool-";
  private static final String SUFFIX = "-net";

  private HolderNames() {}

  /** The name of the run's network holder. */
  public static String of(String runId) {
    return PREFIX + runId + SUFFIX;
  }

  /** The run whose network holder has this name, or null for any other name. */
  public static String runOf(String containerName) {
    return containerName.startsWith(PREFIX)
            && containerName.endsWith(SUFFIX)
            && !containerName.startsWith(POOL_PREFIX)
        ? containerName.substring(PREFIX.length(), containerName.length() - SUFFIX.length())
        : null;
  }

  /** True for the name of a holder waiting in a warm pool. */
  static boolean isPooled(String containerName) {
    return containerName.startsWith(POOL_PREFIX);
  }

  /**
   * The labels of a holder of this host's worker.
   *
   * @param store the {@code dev.fastci.store} label, or null
   */
  static Map<String, String> labels(String hostId, String store) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(Labels.MANAGED, "true");
    labels.put(LABEL_ROLE, ROLE);
    labels.put(LABEL_POOL_HOST, hostId); // a holder may go back into the pool
    if (store != null) {
      labels.put(Labels.STORE, store);
    }
    return labels;
  }

  /** A new name for a holder in the warm pool of this host. */
  static String pooled(String hostId) {
    return POOL_PREFIX + hostId + "-" + UUID.randomUUID();
  }
}
