package dev.fastci.job;

import dev.fastci.backend.Backend;
import dev.fastci.backend.ContainerSpec;
import dev.fastci.backend.JobContainer;
import dev.fastci.backend.JobStartException;
import dev.fastci.contract.JobOutcome;
import dev.fastci.contract.JobRequest;
import dev.fastci.contract.JobResult;
import dev.fastci.logs.JobLog;
import io.temporal.activity.ActivityExecutionContext;
import java.util.List;

/**
 * The job's container: made (or found again) in its run's scope, started and followed to its end.
 */
final class JobExecution {
  private final Backend backend;
  private final String hostId;
  private final String store;
  private final JobLimits limits;
  private final ContainerFollow follow;

  JobExecution(Backend backend, String hostId, String store, JobLimits limits) {
    this.backend = backend;
    this.hostId = hostId;
    this.store = store;
    this.limits = limits;
    this.follow = new ContainerFollow(backend, limits, hostId);
  }

  /**
   * Creates the job's container, or finds the one an earlier try of this attempt made.
   *
   * @throws JobStartException when it cannot be made
   */
  JobContainer create(JobRequest request, Prepared.Ready ready) {
    ContainerSpec spec =
        JobContainers.specFor(
            request, hostId, store, limits, ready.secretValues(), ready.cacheBinds());
    return backend.createOrFind(backend.setUpRun(request.runId()), spec);
  }

  /**
   * Starts the container (unless an earlier try did) and follows it to its end.
   *
   * @throws JobStartException when it cannot be started
   */
  Executed run(
      JobRequest request,
      JobLog log,
      JobContainer container,
      Prepared.Ready ready,
      ActivityExecutionContext context,
      long startedAt) {
    try {
      backend.start(container);
      JobResult result =
          follow.follow(
              request,
              log,
              container,
              context,
              startedAt,
              ready.secretValues().values(),
              ready.preamble());
      return new Executed(notExecutable(request, log, result), false);
    } catch (ContainerLost e) {
      JobResult lost =
          JobResults.couldNotStart(e.getMessage(), startedAt, System.currentTimeMillis(), hostId);
      return new Executed(lost, true);
    }
  }

  /**
   * A container whose program the kernel could not execute never ran the job: ERROR, not FAILED.
   * Read after the log has drained.
   */
  private JobResult notExecutable(JobRequest request, JobLog log, JobResult result) {
    if (result.outcome() != JobOutcome.FAILED) {
      return result;
    }
    return ExecFormatErrors.explain(log.path(), request.job().platform())
        .map(
            why -> {
              log.append(List.of("fastci: " + why));
              return JobResults.couldNotStart(why, result.startedAt(), result.finishedAt(), hostId);
            })
        .orElse(result);
  }
}
