package dev.fastci.server.runs;

import dev.fastci.client.PipelineClient;
import dev.fastci.contract.PipelineStatus;
import dev.fastci.spec.ConcurrencySpec;
import io.temporal.client.WorkflowStub;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * At most one run of a concurrency group runs at a time ({@code concurrency}). With {@code
 * cancel_in_progress} a new run cancels the group's running one; without, it waits QUEUED until the
 * running one ends, and only the newest queued run is kept (older ones are cancelled as
 * superseded), as GitHub Actions does. One lock orders every decision of this server.
 */
@Component
public class ConcurrencyGroups {
  private static final Logger log = LoggerFactory.getLogger(ConcurrencyGroups.class);

  /** How a superseded run's event begins; the newer run's id follows. */
  static final String SUPERSEDED_BY = "superseded by ";

  private final RunStore store;
  private final RunEventsStore events;
  private final PipelineClient pipelines;
  private final RunStarter starter;

  ConcurrencyGroups(
      RunStore store, RunEventsStore events, PipelineClient pipelines, RunStarter starter) {
    this.store = store;
    this.events = events;
    this.pipelines = pipelines;
    this.starter = starter;
  }

  /**
   * Decides how a new run of the group starts, superseding what it replaces, then stores and (when
   * its turn is now) starts it.
   */
  synchronized void admit(NewRun run, ConcurrencySpec concurrency) {
    List<RunRow> others = store.unfinishedInGroup(concurrency.group());
    boolean waits = false;
    for (RunRow other : others) {
      if (concurrency.cancelInProgress() || other.status() == PipelineStatus.QUEUED) {
        supersede(other, run.id());
      } else {
        waits = true;
      }
    }
    NewRun stored = waits ? queued(run) : run;
    store.insert(stored);
    if (!waits) {
      starter.startFirst(stored.row());
    } else {
      log.info(
          "run {} waits QUEUED behind its concurrency group {}", run.id(), run.concurrencyGroup());
    }
  }

  /** A run ended: the newest queued run of its group, if any, starts. */
  @TransactionalEventListener(fallbackExecution = true)
  void ended(RunEnded ended) {
    store.find(ended.runId()).map(RunRow::concurrencyGroup).ifPresent(this::startNext);
  }

  /** After a restart (and the resume of unfinished runs), queued runs whose turn came start. */
  @EventListener(ApplicationReadyEvent.class)
  @Order(Ordered.LOWEST_PRECEDENCE)
  void startWaitingGroups() {
    store.groupsWithQueuedRuns().forEach(this::startNext);
  }

  synchronized void startNext(String group) {
    List<RunRow> unfinished = store.unfinishedInGroup(group);
    if (unfinished.stream().anyMatch(r -> r.status() != PipelineStatus.QUEUED)) {
      return; // one still runs
    }
    List<RunRow> queued =
        unfinished.stream().filter(r -> r.status() == PipelineStatus.QUEUED).toList();
    if (queued.isEmpty()) {
      return;
    }
    RunRow next = queued.get(queued.size() - 1);
    queued.subList(0, queued.size() - 1).forEach(older -> supersede(older, next.id()));
    if (store.markDequeued(next.id())) {
      log.info("run {}: its turn in concurrency group {} came", next.id(), group);
      starter.startFirst(next);
    }
  }

  /** Cancels a run of the group that a newer one replaces, saying so on the old run's page. */
  private void supersede(RunRow old, String newer) {
    String message = SUPERSEDED_BY + newer;
    events.addEvent(old.id(), new RunEvent(Instant.now(), old.attempt(), message));
    if (old.status() == PipelineStatus.QUEUED) {
      store.markFinished(old.id(), old.attempt(), PipelineStatus.CANCELLED, message, Instant.now());
    } else {
      WorkflowStub.fromTyped(pipelines.workflow(old.id())).cancel();
    }
  }

  private static NewRun queued(NewRun run) {
    return new NewRun(
        run.id(),
        run.name(),
        PipelineStatus.QUEUED,
        run.specJson(),
        run.triggerJson(),
        run.createdAt(),
        run.event(),
        run.branch(),
        run.conditionSkipsJson(),
        run.paramsJson(),
        run.concurrencyGroup());
  }
}
