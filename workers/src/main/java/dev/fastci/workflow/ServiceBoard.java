package dev.fastci.workflow;

import dev.fastci.contract.ServiceState;
import dev.fastci.contract.ServiceStatus;
import dev.fastci.spec.JobSpec;
import dev.fastci.spec.ServiceSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of a run's services, and what it means for a job that lists them: it may start once
 * every one is ready, waits while one is starting, and ends in ERROR when one failed. Free of
 * Temporal, like {@link PipelineProgress}, which shows it in the run's state.
 */
final class ServiceBoard {
  /** What a job's services say: start, wait, or end in ERROR for the given reason. */
  record Gate(boolean waits, String failure) {
    static final Gate GO = new Gate(false, null);
    static final Gate WAIT = new Gate(true, null);

    boolean goes() {
      return !waits && failure == null;
    }
  }

  private final Map<String, Entry> services = new LinkedHashMap<>();
  private int changes;

  private static final class Entry {
    final ServiceSpec spec;
    ServiceStatus status = ServiceStatus.PENDING;
    int attempt;
    Long startedAt;
    Long readyAt;
    Long finishedAt;
    String error;

    Entry(ServiceSpec spec, int attempt) {
      this.spec = spec;
      this.attempt = attempt;
    }
  }

  ServiceBoard(List<ServiceSpec> services, int attempt) {
    services.forEach(s -> this.services.put(s.name(), new Entry(s, attempt)));
  }

  /** Whether there are services at all. */
  boolean isEmpty() {
    return services.isEmpty();
  }

  /** Counts every change, so a waiting scheduler sees there was one. */
  int changes() {
    return changes;
  }

  void starting(String name, long now) {
    Entry entry = services.get(name);
    entry.status = ServiceStatus.STARTING;
    entry.startedAt = now;
    entry.readyAt = null;
    entry.finishedAt = null;
    entry.error = null;
    changes++;
  }

  void ready(String name, long now) {
    Entry entry = services.get(name);
    entry.status = ServiceStatus.READY;
    entry.readyAt = now;
    changes++;
  }

  void failed(String name, String error, long now) {
    Entry entry = services.get(name);
    entry.status = ServiceStatus.FAILED;
    entry.error = error;
    entry.finishedAt = now;
    changes++;
  }

  /** The run ends: every service that did not fail is stopped. */
  void stopAll(long now) {
    for (Entry entry : services.values()) {
      if (entry.status == ServiceStatus.STARTING || entry.status == ServiceStatus.READY) {
        entry.status = ServiceStatus.STOPPED;
        entry.finishedAt = now;
        changes++;
      }
    }
  }

  /** The job's services: all ready, one still starting, or the first that failed and why. */
  Gate gate(JobSpec job) {
    boolean waits = false;
    for (String name : job.services()) {
      Entry entry = services.get(name);
      if (entry.status == ServiceStatus.FAILED) {
        return new Gate(false, entry.error);
      }
      waits |= entry.status != ServiceStatus.READY;
    }
    return waits ? Gate.WAIT : Gate.GO;
  }

  List<ServiceState> states() {
    List<ServiceState> states = new ArrayList<>(services.size());
    for (Entry e : services.values()) {
      states.add(
          new ServiceState(
              e.spec.name(),
              e.spec.image(),
              e.status,
              e.attempt,
              e.startedAt,
              e.readyAt,
              e.finishedAt,
              e.error));
    }
    return states;
  }
}
