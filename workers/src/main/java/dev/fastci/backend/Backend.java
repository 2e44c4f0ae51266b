package dev.fastci.backend;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Runs the job containers of pipeline runs on one container engine (Docker, or the dummy). Modelled
 * on Woodpecker's {@code pipeline/backend/types/backend.go} (SetupWorkflow, StartStep, TailStep,
 * WaitStep, DestroyStep, DestroyWorkflow).
 *
 * <p>Lifecycle, per run on this host:
 *
 * <pre>
 * setUpRun(runId) ─┬─ createOrFind(scope, spec) ─ followLogs ─ start ─ awaitExit ─ [kill] ─ remove
 *                  │  (one per job attempt, in parallel)
 *                  │  a service's container: the same, and while it runs exec, status, acceptsTcp
 *                  └─ tearDownRun(runId), after the run's last job activity here has ended
 * </pre>
 *
 * <p>A service's container ({@link ContainerSpec#isService}) joins the run's network namespace like
 * a job's; {@link ContainerSpec#hostAliases} makes the service names resolve to that namespace in a
 * container. It lives until {@link #tearDownRun} removes it with the run's other containers.
 *
 * <ul>
 *   <li>Every job activity calls {@link #setUpRun} before its {@link #createOrFind}: it is
 *       idempotent and cheap after the first call for a run in this process, so the workflow needs
 *       no command of its own for it.
 *   <li>Containers have deterministic names, so a retried activity re-attaches: {@link
 *       #createOrFind} returns the existing container, and {@link JobContainer#alreadyStarted}
 *       keeps {@link #start} from starting it a second time.
 *   <li>{@link #followLogs} comes before {@link #start} and copies the output from the container's
 *       very start (for one an earlier try started, from its start too); the caller drains it
 *       (awaits its future) before it writes lines of its own after the output.
 *   <li>{@link #awaitExit} completes once; it completes exceptionally when the container vanished
 *       (an engine restart, removed by hand). The caller then ends the job in ERROR and never runs
 *       it twice.
 *   <li>{@link #kill} may come at any time after {@link #createOrFind}. {@link #remove} and {@link
 *       #tearDownRun} always run, outside any cancellation.
 * </ul>
 *
 * <p>Thread-safety: one instance per worker process, shared by every activity thread; every method
 * is thread-safe. Calls for different containers and runs run concurrently. For one container the
 * caller keeps the order create → followLogs → start → awaitExit → remove; only {@link #kill} may
 * race with followLogs and awaitExit (from the timeout or the cancel). Calls that are not streams
 * are bounded by the engine client's response timeout; {@link #followLogs} and {@link #awaitExit}
 * are not: the caller heartbeats and enforces the job's timeout.
 *
 * <p>Errors: {@link JobStartException} is a reason the user must fix (the job ends in ERROR and is
 * not retried). Any other RuntimeException is the infrastructure (the engine does not answer): the
 * caller tries again later, or leaves what is left to {@link #tearDownRun} and the janitor.
 */
public interface Backend extends AutoCloseable {

  /** {@code docker} or {@code dummy}. */
  String name();

  /**
   * The run's scope on this host, made on the first call for the run: its network namespace holder,
   * taken from the warm pool.
   *
   * @throws JobStartException when the run's network cannot be made
   */
  RunScope setUpRun(String runId);

  /**
   * Creates the job's container in the run's scope, or returns the one of that name that already
   * exists. Pulls the image only when it is missing locally.
   *
   * @throws JobStartException when the container cannot be made (image missing and not pullable, a
   *     bad mount, an unsupported platform)
   */
  JobContainer createOrFind(RunScope run, ContainerSpec spec);

  /**
   * Starts a created container; does nothing when it already runs or ran.
   *
   * @throws JobStartException when the engine refuses to start it
   */
  void start(JobContainer container);

  /**
   * Copies the container's output, from its very start, into {@code sink} until the container ends.
   * Called before {@link #start}: it returns once nothing the container writes can be missed. The
   * returned future completes when every byte is written; cancelling it stops the copy.
   */
  CompletableFuture<Void> followLogs(JobContainer container, OutputStream sink);

  /**
   * Completes once the container has ended: its exit code, and whether it was killed for memory.
   */
  CompletableFuture<ContainerExit> awaitExit(JobContainer container);

  /** Kills the container if it runs; idempotent. */
  void kill(JobContainer container);

  /**
   * The files under {@code path} in the container (which may have ended), as a tar stream of that
   * dir, as {@code docker cp} makes it; the caller closes it. Empty when this backend has no files
   * (the dummy).
   */
  default Optional<InputStream> copyOut(JobContainer container, String path) {
    return Optional.empty();
  }

  /** Removes the container if it exists; idempotent, a missing one is fine. */
  void remove(JobContainer container);

  /**
   * Runs a command inside the running container (a service's {@code ready.command}), its output
   * discarded.
   *
   * @return its exit code, or null when it had not ended within {@code timeout}
   * @throws RuntimeException when the engine refuses (the container does not run)
   */
  Integer exec(JobContainer container, List<String> command, Duration timeout);

  /** Whether the container runs, how it ended, and its image's health verdict; GONE if missing. */
  ContainerStatus status(JobContainer container);

  /**
   * Whether a TCP connection to {@code port} of the container's network namespace (the run's, for a
   * container in it) is accepted within {@code timeout}.
   */
  boolean acceptsTcp(JobContainer container, int port, Duration timeout);

  /**
   * Removes every job container this host made for the run, also those whose own removal failed
   * earlier, then releases the run's scope (its network holder goes back into the pool, or is
   * removed). Idempotent.
   *
   * @return how many job containers it removed
   * @throws RuntimeException when the engine does not answer: nothing is given up, the caller tries
   *     again later
   */
  int tearDownRun(String runId);

  /**
   * The content id of the image (pulled first when it is missing locally), for memoization keys.
   *
   * @param platform the platform the image is for, or null for the engine's own
   * @throws JobStartException when the image is missing and cannot be pulled
   */
  String imageId(String image, String platform);

  /** How many run network holders wait started ahead (0 for a backend without a pool). */
  default int warmPoolSize() {
    return 0;
  }

  /**
   * A server janitor's view of the engine: every container labelled {@code dev.fastci.managed}, of
   * any run and store.
   */
  ManagedContainers managedContainers();

  /**
   * The worker stops: frees the warm pool and the engine's clients; runs still going keep theirs.
   */
  @Override
  void close();
}
