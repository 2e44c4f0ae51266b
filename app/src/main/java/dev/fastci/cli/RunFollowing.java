package dev.fastci.cli;

import dev.fastci.contract.PipelineState;
import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Follows a run with {@link RunFollower} while Ctrl-C is armed: when the JVM shuts down during the
 * run, a shutdown hook cancels it, then waits until it has ended and its summary is printed, so
 * that its containers are gone before the process is.
 */
final class RunFollowing {
  private final PrintStream out;
  private final PrintStream err;
  private final CountDownLatch summaryPrinted = new CountDownLatch(1);

  RunFollowing(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** Follows the run; on Ctrl-C, cancels it and waits for its end and the summary. */
  PipelineState follow(
      RunSource source, Runnable cancel, String runId, RunFollower.Approvals approvals)
      throws IOException, InterruptedException {
    CountDownLatch ended = new CountDownLatch(1);
    Thread cancelOnInterrupt =
        new Thread(
            () -> {
              if (ended.getCount() == 0) {
                return;
              }
              err.println("fastci: interrupted, cancelling run " + runId + "...");
              cancel.run();
              try {
                ended.await(30, TimeUnit.SECONDS);
                summaryPrinted.await(5, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    Runtime.getRuntime().addShutdownHook(cancelOnInterrupt);
    try {
      return new RunFollower(source, out, approvals).follow();
    } finally {
      ended.countDown();
      removeHook(cancelOnInterrupt);
    }
  }

  /** The run's summary is out: a shutdown under way stops waiting for it. */
  void summaryPrinted() {
    summaryPrinted.countDown();
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or ran: nothing to remove
    }
  }
}
