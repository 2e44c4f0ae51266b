package dev.fastci.workflow;

import dev.fastci.contract.Failures;
import dev.fastci.contract.PipelineRun;
import dev.fastci.contract.ServiceActivities;
import dev.fastci.contract.ServiceEnd;
import dev.fastci.contract.ServiceRequest;
import dev.fastci.contract.ServiceStarted;
import dev.fastci.spec.ServiceSpec;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

/**
 * The run's services on its host. Each one lives in a workflow thread of its own, from the run's
 * start: it is started and awaited until ready ({@code startService}), then watched until the run
 * ends ({@code awaitServiceEnd}); what happens goes to the {@link ServiceBoard}, which gates the
 * jobs. A host that stops answering makes the services start again, on the run's new host when it
 * moved. At the run's end they are cancelled and awaited before the teardown removes their
 * containers.
 */
final class RunServices {
  private final PipelineRun run;
  private final ServiceBoard board;
  private final HostSession host;
  private final boolean enabled;
  private final List<CancellationScope> scopes = new ArrayList<>();
  private final List<Promise<Void>> lives = new ArrayList<>();
  private int generation;
  private String startedOn;
  private boolean hostLost;

  /**
   * @param enabled false for executions from before the language's second version: no service is
   *     started (none could be in their spec)
   */
  RunServices(PipelineRun run, ServiceBoard board, HostSession host, boolean enabled) {
    this.run = run;
    this.board = board;
    this.host = host;
    this.enabled = enabled && !board.isEmpty();
  }

  /** Starts every service on the run's host, each in its own cancellation scope. */
  void start() {
    if (!enabled) {
      return;
    }
    startedOn = host.hostId();
    int current = ++generation;
    for (ServiceSpec service : run.spec().services()) {
      CancellationScope scope =
          Workflow.newCancellationScope(
              () -> lives.add(Async.procedure(() -> live(service, current))));
      scopes.add(scope);
      scope.run();
    }
  }

  /** Whether a service's host did not answer: the scheduler checks the host, then calls back. */
  boolean hostSuspect() {
    return hostLost;
  }

  /** After the run's host was checked: services start again when it moved, or was silent. */
  void afterHostCheck() {
    if (enabled && (hostLost || !host.hostId().equals(startedOn))) {
      scopes.forEach(CancellationScope::cancel);
      scopes.clear();
      hostLost = false;
      start();
    }
  }

  /** The run ends: every service's thread is cancelled and awaited; those left are STOPPED. */
  void stop() {
    if (!enabled) {
      return;
    }
    scopes.forEach(CancellationScope::cancel);
    Promise.allOf(lives).get();
    board.stopAll(now());
  }

  private void live(ServiceSpec service, int current) {
    String name = service.name();
    ServiceRequest request =
        new ServiceRequest(
            run.runId(),
            run.attempt(),
            service,
            run.spec().secrets(),
            run.spec().services().stream().map(ServiceSpec::name).toList(),
            run.untrusted());
    board.starting(name, now());
    ServiceActivities starts = ServiceOptions.starting(host.hostId(), service, host.hostWait());
    ServiceActivities watches = ServiceOptions.watching(host.hostId(), host.hostWait());
    ServiceStarted[] started = new ServiceStarted[1];
    ServiceEnd[] end = new ServiceEnd[1];
    try {
      if (!host.onHost("(service " + name + ")", () -> started[0] = starts.startService(request))) {
        lost(current);
        return;
      }
      if (current != generation) {
        return; // started again meanwhile
      }
      board.ready(name, now());
      if (!host.onHost(
          "(service " + name + " watch)",
          () -> end[0] = watches.awaitServiceEnd(request, started[0]))) {
        lost(current);
        return;
      }
      if (current == generation) {
        board.failed(name, end[0].reason(), now());
      }
    } catch (ActivityFailure | CanceledFailure failure) {
      if (current == generation && !Failures.isCancellation(failure)) {
        String why = Failures.rootMessage(failure);
        String prefix = "service " + name + " ";
        board.failed(name, why.startsWith(prefix) ? why : prefix + "failed: " + why, now());
      }
    }
  }

  private static long now() {
    return Workflow.currentTimeMillis();
  }

  private void lost(int current) {
    if (current == generation) {
      hostLost = true;
    }
  }
}
