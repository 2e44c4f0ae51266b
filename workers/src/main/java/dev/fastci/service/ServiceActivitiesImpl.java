package dev.fastci.service;

import dev.fastci.backend.Backend;
import dev.fastci.contract.ServiceActivities;
import dev.fastci.contract.ServiceEnd;
import dev.fastci.contract.ServiceRequest;
import dev.fastci.contract.ServiceStarted;
import dev.fastci.job.JobLimits;
import dev.fastci.logs.LogFiles;
import dev.fastci.logs.LogShipper;
import dev.fastci.secrets.SecretSource;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The services of the runs on this worker host: each one's container is started in its run's
 * network, its log followed into {@code <data-dir>/logs/RUN/services/NAME.ATTEMPT.log} (and sent to
 * the server by a standalone worker), its readiness awaited, and its life watched until the run's
 * end. The run's teardown removes the containers with the run's others.
 */
public final class ServiceActivitiesImpl implements ServiceActivities, AutoCloseable {
  private final String hostId;
  private final String store;
  private final JobLimits limits;
  private final SecretSource secrets;
  private final ServiceLogs logs;
  private final ServiceStart start;
  private final ServiceWatch watch;

  /**
   * @param store labels every container with the run store that owns its run, or null
   * @param limits the log size limit, and the resource limits of services that set none
   * @param secrets where the values of the services' secrets are read
   * @param shipper sends the services' logs to the server, or null
   */
  public ServiceActivitiesImpl(
      Backend backend,
      LogFiles files,
      String hostId,
      String store,
      JobLimits limits,
      SecretSource secrets,
      LogShipper shipper) {
    this.hostId = hostId;
    this.store = store;
    this.limits = limits;
    this.secrets = secrets;
    this.logs = new ServiceLogs(backend, files, limits.maxLogBytes(), shipper);
    this.start = new ServiceStart(backend, logs);
    this.watch = new ServiceWatch(backend, logs);
  }

  @Override
  public ServiceStarted startService(ServiceRequest request) {
    Map<String, String> values = secretValues(request, true);
    return start.start(
        request, ServiceContainers.specFor(request, hostId, store, limits, values), values);
  }

  @Override
  public ServiceEnd awaitServiceEnd(ServiceRequest request, ServiceStarted started) {
    return watch.await(request, started, secretValues(request, false).values());
  }

  /**
   * The values of the service's secrets and the pipeline's.
   *
   * @param required whether a missing one fails the service (when it is made)
   */
  private Map<String, String> secretValues(ServiceRequest request, boolean required) {
    Set<String> names = new LinkedHashSet<>(request.pipelineSecrets());
    names.addAll(request.service().secrets());
    Map<String, String> values = new LinkedHashMap<>();
    if (request.untrusted() && !names.isEmpty()) {
      throw ServiceFailures.failed(
          ServiceFailures.reason(
              request.service().name(),
              "could not start: secret "
                  + names.iterator().next()
                  + " is not given to a pull request from a fork: its code is not trusted",
              null));
    }
    for (String name : names) {
      String value = secrets.value(name);
      if (value != null) {
        values.put(name, value);
      } else if (required) {
        throw ServiceFailures.failed(
            ServiceFailures.reason(
                request.service().name(),
                "could not start: secret "
                    + name
                    + " is not set on the worker ("
                    + SecretSource.variable(name)
                    + ")",
                null));
      }
    }
    return values;
  }

  @Override
  public void close() {
    logs.close();
  }
}
