package dev.fastci.server.runs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fastci.client.TemporalClients;
import dev.fastci.contract.JobStatus;
import dev.fastci.contract.PipelineStatus;
import dev.fastci.contract.TaskQueues;
import dev.fastci.server.FastciProperties;
import dev.fastci.server.notify.Delivery;
import dev.fastci.server.notify.NotifyWorkflow;
import dev.fastci.spec.NotifySpec;
import dev.fastci.spec.PipelineSpec;
import dev.fastci.worker.Engine;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * When a run ends, starts the notification workflow for each {@code notify} webhook whose {@code
 * on} matches its end; one workflow per run attempt, so a repeated report of the end tells no one
 * twice.
 */
@Component
class RunNotifier {
  private static final Logger log = LoggerFactory.getLogger(RunNotifier.class);

  private final RunStore store;
  private final JobRowsStore jobs;
  private final SpecDocuments specs;
  private final ObjectMapper json;
  private final TemporalClients clients;
  private final String publicUrl;

  RunNotifier(
      RunStore store,
      JobRowsStore jobs,
      SpecDocuments specs,
      ObjectMapper json,
      Engine engine,
      FastciProperties properties) {
    this.store = store;
    this.jobs = jobs;
    this.specs = specs;
    this.json = json;
    this.clients = engine.clients();
    this.publicUrl = properties.publicUrl();
  }

  @TransactionalEventListener(fallbackExecution = true)
  void ended(RunEnded ended) {
    RunRow run = store.find(ended.runId()).orElse(null);
    if (run == null || !run.status().isFinal()) {
      return;
    }
    try {
      List<Delivery> deliveries = deliveries(run);
      if (deliveries.isEmpty()) {
        return;
      }
      clients.starting(
          client -> {
            NotifyWorkflow workflow =
                client.newWorkflowStub(
                    NotifyWorkflow.class,
                    WorkflowOptions.newBuilder()
                        .setTaskQueue(TaskQueues.SERVER)
                        .setWorkflowId("notify-" + run.id() + "-" + run.attempt())
                        .setWorkflowIdReusePolicy(
                            WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                        .build());
            return WorkflowClient.start(workflow::tellAll, deliveries);
          });
    } catch (WorkflowExecutionAlreadyStarted e) {
      log.debug("run {} attempt {} was already notified", run.id(), run.attempt());
    } catch (RuntimeException e) {
      log.warn("could not start the notifications of run {}", run.id(), e);
    }
  }

  /** The deliveries of a run's end: one per webhook whose {@code on} matches. */
  List<Delivery> deliveries(RunRow run) {
    PipelineSpec spec = specs.stored(run);
    if (spec.notifications().isEmpty()) {
      return List.of();
    }
    boolean fixed =
        run.status() == PipelineStatus.SUCCEEDED
            && store
                .previousFinishedStatus(run.name(), run.branch(), run.createdAt(), run.id())
                .filter(status -> status == PipelineStatus.FAILED)
                .isPresent();
    String body = body(run);
    List<Delivery> deliveries = new ArrayList<>();
    for (NotifySpec hook : spec.notifications()) {
      if (matches(hook.on(), run.status(), fixed)) {
        deliveries.add(
            new Delivery(
                run.id(), run.attempt(), hook.webhook().toString(), hook.secretHeader(), body));
      }
    }
    return deliveries;
  }

  static boolean matches(List<NotifySpec.On> on, PipelineStatus status, boolean fixed) {
    return on.stream()
        .anyMatch(
            when ->
                switch (when) {
                  case ALWAYS -> true;
                  case FAILURE -> status == PipelineStatus.FAILED;
                  case SUCCESS -> status == PipelineStatus.SUCCEEDED;
                  case FIXED -> fixed;
                });
  }

  private String body(RunRow run) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("runId", run.id());
    body.put("pipeline", run.name());
    body.put("status", run.status().name());
    body.put("branch", run.branch());
    body.put("commit", commit(run.triggerJson()));
    Instant from = run.startedAt() != null ? run.startedAt() : run.createdAt();
    body.put(
        "durationMs",
        from == null || run.finishedAt() == null
            ? null
            : Duration.between(from, run.finishedAt()).toMillis());
    body.put(
        "url", publicUrl == null ? null : publicUrl.replaceAll("/+$", "") + "/runs/" + run.id());
    body.put("failedJobs", failedJobs(run.id()));
    try {
      return json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("notification body of run " + run.id(), e);
    }
  }

  /** The jobs whose last attempt failed, in the store's order. */
  private List<String> failedJobs(String runId) {
    Map<String, JobRow> last =
        jobs.jobRows(runId).stream()
            .collect(
                Collectors.toMap(
                    JobRow::job,
                    row -> row,
                    (a, b) -> Comparator.comparingInt(JobRow::attempt).compare(a, b) >= 0 ? a : b,
                    LinkedHashMap::new));
    return last.values().stream()
        .filter(row -> row.status() == JobStatus.FAILED)
        .map(JobRow::job)
        .toList();
  }

  private String commit(String triggerJson) {
    if (triggerJson == null) {
      return null;
    }
    try {
      JsonNode after = json.readTree(triggerJson).get("after");
      return after == null || after.isNull() ? null : after.asText();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored trigger is not JSON: " + triggerJson, e);
    }
  }
}
