package dev.fastci.job;

/** The worker interrupts its activity threads when it stops now. */
final class WorkerStopping extends RuntimeException {
  WorkerStopping(InterruptedException cause) {
    super("the worker is stopping", cause);
  }
}
