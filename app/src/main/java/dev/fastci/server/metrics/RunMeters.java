package dev.fastci.server.metrics;

import dev.fastci.contract.JobStatus;
import dev.fastci.contract.PipelineStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The server's meters of runs and jobs, from what the workflows record (docs/metrics.md lists
 * them): runs started, runs finished by status, job durations by outcome and the queue wait.
 */
@Component
public class RunMeters {
  private final MeterRegistry registry;

  public RunMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  /** A run, or a retry of one, was accepted and its workflow started. */
  public void runStarted() {
    Counter.builder("fastci.runs.started")
        .description("runs and retries started")
        .register(registry)
        .increment();
  }

  public void runFinished(PipelineStatus status) {
    Counter.builder("fastci.runs.finished")
        .description("runs that ended, by their status")
        .tag("status", status.name())
        .register(registry)
        .increment();
  }

  /** A job ended after it ran (skipped jobs never ran and are not counted). */
  public void jobFinished(JobStatus outcome, Duration took) {
    Timer.builder("fastci.job.duration")
        .description("how long jobs ran, from start to end, by outcome")
        .tag("outcome", outcome.name())
        .publishPercentileHistogram()
        .register(registry)
        .record(took);
  }

  /** From a run's submission to the start of its first job. */
  public void queueWait(Duration wait) {
    Timer.builder("fastci.run.queue.wait")
        .description("from a run's submission to the start of its first job")
        .publishPercentileHistogram()
        .register(registry)
        .record(wait);
  }
}
