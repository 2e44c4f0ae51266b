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
 */
public record ServiceRequest(
    String runId,
    int attempt,
    ServiceSpec service,
    List<String> pipelineSecrets,
    List<String> serviceNames) {

  public ServiceRequest {
    pipelineSecrets = pipelineSecrets == null ? List.of() : List.copyOf(pipelineSecrets);
    serviceNames = serviceNames == null ? List.of() : List.copyOf(serviceNames);
  }
}
