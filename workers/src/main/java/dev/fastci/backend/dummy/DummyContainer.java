package dev.fastci.backend.dummy;

import dev.fastci.backend.ContainerExit;
import dev.fastci.backend.ContainerSpec;
import dev.fastci.backend.ContainerStatus;
import dev.fastci.backend.JobContainer;
import dev.fastci.backend.Labels;
import java.util.concurrent.CompletableFuture;

/** One container of the dummy backend; its owner guards every change. */
final class DummyContainer {
  enum State {
    CREATED,
    RUNNING,
    EXITED,
    REMOVED
  }

  final String id;
  final ContainerSpec spec;
  final DummyEnv env;
  final DummyReadiness readiness;
  final CompletableFuture<ContainerExit> exit = new CompletableFuture<>();
  State state = State.CREATED;
  long startedAt;

  DummyContainer(String id, ContainerSpec spec, DummyEnv env) {
    this.id = id;
    this.spec = spec;
    this.env = env;
    this.readiness = DummyReadiness.of(spec.env());
  }

  String name() {
    return spec.name();
  }

  String label(String key) {
    return spec.labels().get(key);
  }

  boolean isOfRun(String runId, String hostId) {
    return runId.equals(label(Labels.RUN)) && (hostId == null || hostId.equals(label(Labels.HOST)));
  }

  boolean hasSuffix(String suffix) {
    return name().endsWith("-" + suffix);
  }

  void start() {
    state = State.RUNNING;
    startedAt = System.currentTimeMillis();
  }

  /**
   * Whether it ends by itself after its sleep: a service only with {@code DUMMY_EXIT_CODE}, a held
   * job only once released.
   */
  boolean endsBySelf(boolean released) {
    return spec.isService() ? readiness.exits() : !env.hold() || released;
  }

  /** Whether its readiness probes answer "ready" now; a held service only once {@code released}. */
  boolean ready(boolean released) {
    return state == State.RUNNING
        && (!env.hold() || released)
        && readiness.readyAt(startedAt, System.currentTimeMillis());
  }

  /** What the engine would say of it now. */
  ContainerStatus status(boolean released) {
    ContainerStatus.Health health =
        !readiness.healthcheck()
            ? ContainerStatus.Health.NONE
            : ready(released) ? ContainerStatus.Health.HEALTHY : ContainerStatus.Health.STARTING;
    Integer exitCode =
        state == State.EXITED && exit.isDone() && !exit.isCompletedExceptionally()
            ? exit.join().exitCode()
            : null;
    return new ContainerStatus(state == State.RUNNING, exitCode, health);
  }

  /** A running container ends with this code (a no-op once it ended). */
  void end(int exitCode, DummyJournal journal) {
    if (state != State.RUNNING) {
      return;
    }
    state = State.EXITED;
    journal.ended(new DummyJournal.Run(name(), startedAt, System.currentTimeMillis(), exitCode));
    exit.complete(new ContainerExit(exitCode, exitCode != 0 && env.oomKilled()));
  }

  /** A running container is lost: its exit is never known. */
  void lose(String why) {
    if (state == State.RUNNING) {
      state = State.EXITED;
      exit.completeExceptionally(new IllegalStateException(why));
    }
  }

  /** Removed, and killed first when it runs, as a forced removal does. */
  void remove(DummyJournal journal) {
    end(137, journal);
    state = State.REMOVED;
    journal.removed(name());
  }

  JobContainer handle() {
    return new JobContainer(id, name(), state != State.CREATED);
  }

  /** Docker's word for the state, as the janitor sees it. */
  String engineState() {
    return switch (state) {
      case CREATED -> "created";
      case RUNNING -> "running";
      case EXITED -> "exited";
      case REMOVED -> "removing";
    };
  }
}
