package dev.fastci.backend.dummy;

import dev.fastci.backend.ContainerSpec;
import dev.fastci.backend.JobContainer;
import dev.fastci.backend.RunScope;
import dev.fastci.backend.dummy.DummyContainer.State;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dummy backend's runs and containers, with the checks that reject a call out of order: each
 * such call is recorded in the journal and throws. The backend's lock guards it.
 */
final class DummyContainers {
  private final DummyJournal journal;
  private final Map<String, DummyContainer> byName = new LinkedHashMap<>();
  private final Set<String> runsSetUp = new HashSet<>();
  private final Set<String> runsTornDown = new HashSet<>();
  private int ids;

  DummyContainers(DummyJournal journal) {
    this.journal = journal;
  }

  void setUp(String runId) {
    runsSetUp.add(runId);
    runsTornDown.remove(runId); // a retried or resumed run is set up again
  }

  void tearDown(String runId) {
    runsSetUp.remove(runId);
    runsTornDown.add(runId);
  }

  /** The container of this name in the run, or null; the run must be set up. */
  DummyContainer existing(RunScope run, String name) {
    if (!runsSetUp.contains(run.runId())) {
      String state = runsTornDown.contains(run.runId()) ? "run torn down" : "run not set up";
      throw violation("createOrFind", name, state);
    }
    DummyContainer existing = byName.get(name);
    return existing == null || existing.state == State.REMOVED ? null : existing;
  }

  DummyContainer add(ContainerSpec spec, DummyEnv env) {
    DummyContainer made = new DummyContainer("dummy-" + ++ids, spec, env);
    byName.put(spec.name(), made);
    journal.created(spec);
    return made;
  }

  /** The container of the handle; it must exist. */
  DummyContainer known(String operation, JobContainer container) {
    DummyContainer dummy = byName.get(container.name());
    if (dummy == null || !dummy.id.equals(container.id())) {
      throw violation(operation, container.name(), "unknown");
    }
    if (dummy.state == State.REMOVED) {
      throw violation(operation, container.name(), State.REMOVED);
    }
    return dummy;
  }

  /** The container of the handle; it must have been started. */
  DummyContainer started(String operation, JobContainer container) {
    DummyContainer dummy = known(operation, container);
    if (dummy.state == State.CREATED) {
      throw violation(operation, container.name(), "CREATED (before start)");
    }
    return dummy;
  }

  /** The container of the handle when it is still there, else null: a removal may come twice. */
  DummyContainer removable(JobContainer container) {
    DummyContainer dummy = byName.get(container.name());
    return dummy != null && dummy.id.equals(container.id()) && dummy.state != State.REMOVED
        ? dummy
        : null;
  }

  Collection<DummyContainer> all() {
    return byName.values();
  }

  /** Every container not removed yet. */
  List<DummyContainer> live() {
    return byName.values().stream().filter(c -> c.state != State.REMOVED).toList();
  }

  IllegalStateException violation(String operation, String subject, Object state) {
    String message = "dummy backend: " + operation + " " + subject + " in state " + state;
    journal.violation(message);
    return new IllegalStateException(message);
  }
}
