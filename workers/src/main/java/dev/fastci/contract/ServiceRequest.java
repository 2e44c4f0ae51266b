package dev.fastci.contract;

import dev.fastci.spec.ServiceSpec;
import java.util.List;

/**
 * What one service activity runs.
 *
 * @param attempt the run's attempt: each attempt starts its services afresh, with a log of its own
 * @param pipelineSecrets the names of the pipeline's secrets, which the service gets too
 * @param serviceNames every service of the run: their names resolve to the run's network in the
 *     service's container
 * @param untrusted a pull request from a fork: the service gets no secret (it fails to start when
 *     it names one)
 */
public record ServiceRequest(
    String runId,
    int attempt,
    ServiceSpec service,
    List<String> pipelineSecrets,
    List<String> serviceNames,
    boolean untrusted) {

  public ServiceRequest {
    pipelineSecrets = pipelineSecrets == null ? List.of() : List.copyOf(pipelineSecrets);
    serviceNames = serviceNames == null ? List.of() : List.copyOf(serviceNames);
  }

  /** A service of a trusted run. */
  public ServiceRequest(
      String runId,
      int attempt,
      ServiceSpec service,
      List<String> pipelineSecrets,
      List<String> serviceNames) {
    this(runId, attempt, service, pipelineSecrets, serviceNames, false);
  }
}
