package dev.fastci.service;

import dev.fastci.backend.ContainerSpec;
import dev.fastci.backend.Labels;
import dev.fastci.contract.ServiceRequest;
import dev.fastci.job.JobLimits;
import dev.fastci.spec.MemorySize;
import dev.fastci.spec.ServiceSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a service request into its container: name, labels, environment, limits and names. */
public final class ServiceContainers {
  private ServiceContainers() {}

  /**
   * Deterministic, so a retried activity or a resumed run finds the container started before. The
   * {@code fastci-service-} prefix keeps it apart from every job's {@code fastci-RUN-...} (a run id
   * starts with its time in base 36, never with {@code service}).
   */
  public static String containerName(String hostId, String runId, String service, int attempt) {
    return "fastci-service-" + runId + "-" + hostId + "-" + service + "-" + attempt;
  }

  /**
   * @param store the value of {@link Labels#STORE}, or null for a run no store owns
   * @param limits the worker's defaults, for a service that sets no memory or cpus
   * @param secrets the values of the service's secrets and the pipeline's, by name
   */
  static ContainerSpec specFor(
      ServiceRequest request,
      String hostId,
      String store,
      JobLimits limits,
      Map<String, String> secrets) {
    ServiceSpec service = request.service();
    Map<String, String> env = new LinkedHashMap<>(service.env());
    env.putAll(secrets);
    String memory = service.memory() != null ? service.memory() : limits.defaultMemory();
    Double cpus = service.cpus() != null ? service.cpus() : limits.defaultCpus();
    return new ContainerSpec(
            containerName(hostId, request.runId(), service.name(), request.attempt()),
            service.image(),
            service.command() == null ? List.of() : service.command(),
            env,
            List.of(),
            null,
            labels(request, hostId, store),
            memory == null ? null : MemorySize.parse(memory),
            cpus == null ? null : Math.round(cpus * 1_000_000_000d),
            null,
            null)
        .withHostAliases(request.serviceNames());
  }

  private static Map<String, String> labels(ServiceRequest request, String hostId, String store) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(Labels.MANAGED, "true");
    labels.put(Labels.RUN, request.runId());
    labels.put(Labels.SERVICE, request.service().name());
    labels.put(Labels.ATTEMPT, Integer.toString(request.attempt()));
    labels.put(Labels.HOST, hostId);
    if (store != null) {
      labels.put(Labels.STORE, store);
    }
    return labels;
  }
}
