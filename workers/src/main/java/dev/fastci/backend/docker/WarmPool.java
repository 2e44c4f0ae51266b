package dev.fastci.backend.docker;

/**
 * How many run network holders a worker keeps started ahead, and whether it starts new ones when
 * runs take them.
 *
 * @param size holders kept started
 * @param refills whether a holder a run takes is replaced at once
 */
public record WarmPool(int size, boolean refills) {
  /** A worker that takes runs as they come: two holders, replaced as runs take them. */
  public static final WarmPool SERVING = new WarmPool(2, true);

  /**
   * A process of one run (the command line's {@code run}): one holder, started while the engine
   * starts, given back when the run ends and removed with the process. None is started meanwhile,
   * beside the run's jobs, only to be removed unused.
   */
  public static final WarmPool ONE_RUN = new WarmPool(1, false);

  public WarmPool {
    if (size < 0) {
      throw new IllegalArgumentException("a warm pool's size must be 0 or more, got " + size);
    }
  }
}
