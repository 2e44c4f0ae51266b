package dev.fastci.backend;

/**
 * The labels FastCI puts on the containers it makes, by which its cleanup, the janitor and the
 * tests find them again.
 */
public final class Labels {
  /** Every container FastCI made. */
  public static final String MANAGED = "dev.fastci.managed";

  public static final String RUN = "dev.fastci.run";
  public static final String JOB = "dev.fastci.job";
  public static final String ATTEMPT = "dev.fastci.attempt";

  /** Which try of its job attempt the container runs (a job with {@code retry}), from 1. */
  public static final String TRY = "dev.fastci.try";

  /**
   * The run store the run belongs to (a server's data dir): only that server's janitor removes the
   * container once its run is no longer live. Containers of runs that no store owns (the command
   * line's) carry no such label and are never touched by a janitor.
   */
  public static final String STORE = "dev.fastci.store";

  /** On a service's container: the service's name (its job label is absent). */
  public static final String SERVICE = "dev.fastci.service";

  /** The worker host that ran the container. */
  public static final String HOST = "dev.fastci.host";

  private Labels() {}
}
