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
import org.springframework.context.ApplicationEventPublisher;
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
  private final ApplicationEventPublisher published;

  ConcurrencyGroups(
      RunStore store,
      RunEventsStore events,
      PipelineClient pipelines,
      RunStarter starter,
      ApplicationEventPublisher published) {
    this.store = store;
    this.events = events;
    this.pipelines = pipelines;
    this.starter = starter;
    this.published = published;
  }

  /**
   * Decides how a new run of the group starts, superseding what it replaces, then stores and (when
   * its turn is now) starts it.
   */
  synchronized void admit(NewRun run, ConcurrencySpec concurrency) {
    List<RunRow> others = store.unfinishedInGroup(concurrency.group());
    boolean waits = false;
    for (RunRow other : others) {
      if (concurrency.cancelInProgress() || notStarted(other)) {
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

  /**
   * Stores a run held for a user's approval ({@code WAITING}, nothing of it started). It replaces
   * the runs of its group that are held too (an older push to the same pull request); running and
   * queued ones are left to its approval.
   */
  synchronized void hold(NewRun run) {
    if (run.concurrencyGroup() != null) {
      store.unfinishedInGroup(run.concurrencyGroup()).stream()
          .filter(other -> other.status() == PipelineStatus.WAITING)
          .forEach(other -> supersede(other, run.id()));
    }
    store.insert(run);
  }

  /**
   * A held run was approved: it starts now, superseding what its group's rule says, or waits QUEUED
   * behind its group's running run.
   *
   * @param cancelInProgress its group's rule: true when a new run cancels the running one
   * @return false when the run was no longer held (decided before, or cancelled)
   */
  synchronized boolean approved(RunRow held, boolean cancelInProgress) {
    boolean waits = false;
    if (held.concurrencyGroup() != null) {
      for (RunRow other : store.unfinishedInGroup(held.concurrencyGroup())) {
        if (other.id().equals(held.id())) {
          continue;
        }
        if (cancelInProgress || notStarted(other)) {
          supersede(other, held.id());
        } else {
          waits = true;
        }
      }
    }
    if (!store.markApproved(held.id(), waits ? PipelineStatus.QUEUED : PipelineStatus.PENDING)) {
      return false;
    }
    if (!waits) {
      starter.startFirst(held);
    }
    return true;
  }

  /**
   * Ends a run whose workflow never started (queued, or held for approval) CANCELLED; whoever
   * listens to runs' ends (the group's next run, commit statuses) hears of it.
   */
  void cancelNotStarted(RunRow run, String error) {
    store.markFinished(run.id(), run.attempt(), PipelineStatus.CANCELLED, error, Instant.now());
    published.publishEvent(new RunEnded(run.id()));
  }

  /** An event of a run that has not started (who decided a held run). */
  void note(RunRow run, String message) {
    events.addEvent(run.id(), new RunEvent(Instant.now(), run.attempt(), message));
  }

  /** Queued behind its group, or held for approval: its workflow has not started. */
  static boolean notStarted(RunRow run) {
    return run.status() == PipelineStatus.QUEUED || run.status() == PipelineStatus.WAITING;
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
    if (unfinished.stream().anyMatch(r -> !notStarted(r))) {
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
    if (notStarted(old)) {
      cancelNotStarted(old, message);
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
        run.concurrencyGroup(),
        run.repoAccessJson(),
        run.untrusted());
  }
}
