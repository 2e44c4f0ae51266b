package dev.fastci.backend;

import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Runs one job's container. The lifecycle is: {@link #createOrFind}, {@link #start}, {@link
 * #followLogs} and {@link #exitCode} (in any order once started), then {@link #remove}, which
 * always runs. {@link #kill} may come at any time after creation, from any thread.
 *
 * <p>Containers have deterministic names, so a retried job activity finds the container its
 * previous attempt made (and possibly started) instead of starting a second one.
 *
 * <p>Implementations are thread-safe: one runner serves every job of a worker.
 */
public interface ContainerRunner {

  /**
   * Creates the container, or returns the one of that name that already exists. Pulls the image
   * only when it is missing locally.
   *
   * @throws JobStartException when the container cannot be made (image missing and not pullable, a
   *     bad mount, ...): a user-visible reason, not worth retrying
   */
  Container createOrFind(ContainerSpec spec);

  /**
   * The content id of the image (pulled first when it is missing locally), for memoization keys.
   *
   * @param platform the platform the image is for, or null for the engine's own
   * @throws JobStartException when the image is missing and cannot be pulled
   */
  String imageId(String image, String platform);

  /** Starts a created container; does nothing when it already runs or ran. */
  void start(Container container);

  /**
   * Copies the container's output, from its very start, into {@code sink} until the container ends.
   * The returned future completes when every byte is written.
   */
  CompletableFuture<Void> followLogs(Container container, OutputStream sink);

  /** Completes with the exit code once the container has ended. */
  CompletableFuture<Integer> exitCode(Container container);

  /**
   * True when the kernel killed a process of the ended container for going over its memory limit
   * (Docker's {@code State.OOMKilled}). Asked after the exit, before {@link #remove}.
   */
  default boolean oomKilled(Container container) {
    return false;
  }

  /** Kills the container if it runs. */
  void kill(Container container);

  /** Removes the container if it exists. Never cancelled and never fails on a missing one. */
  void remove(Container container);

  /**
   * Removes every container that carries all of these labels, running or not: what a run left, also
   * containers whose own removal failed earlier (the engine was down).
   *
   * @return how many containers were removed
   * @throws RuntimeException when the engine does not answer: nothing is given up, the caller tries
   *     again later
   */
  int removeLabelled(Map<String, String> labels);
}
