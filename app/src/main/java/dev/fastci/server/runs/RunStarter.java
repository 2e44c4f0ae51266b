package dev.fastci.server.runs;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fastci.client.PipelineClient;
import dev.fastci.contract.PipelineRun;
import dev.fastci.server.FastciProperties;
import dev.fastci.spec.PipelineSpec;
import java.util.List;
import org.springframework.stereotype.Component;

/** Starts the workflow of a stored run: its first execution, a retry's or a resume's. */
@Component
public class RunStarter {
  private final RunStore store;
  private final SpecDocuments specs;
  private final PipelineClient pipelines;
  private final FastciProperties properties;
  private final RunRowJson json;

  RunStarter(
      RunStore store,
      SpecDocuments specs,
      PipelineClient pipelines,
      FastciProperties properties,
      ObjectMapper json) {
    this.store = store;
    this.specs = specs;
    this.pipelines = pipelines;
    this.properties = properties;
    this.json = new RunRowJson(json);
  }

  /** The first execution of a stored run (a new one, or a queued one whose turn came). */
  void startFirst(RunRow run) {
    begin(new PipelineRun(run.id(), specs.stored(run), 1, List.of(), null, true), run);
  }

  /**
   * Starts an execution with the jobs its conditions skip, its repository fetched and its code
   * trusted as the run's origin says; a run whose workflow cannot start ends FAILED saying why.
   */
  void begin(PipelineRun execution, RunRow run) {
    try {
      pipelines.begin(
          RunOrigins.applied(run, execution)
              .withConditionSkips(json.conditionSkips(run))
              .withHostLostAfter(properties.worker().hostLostAfter()));
    } catch (RuntimeException e) {
      store.markFailedToStart(run.id(), "could not start the workflow: " + e.getMessage());
      throw e;
    }
  }

  /** The run's spec with its parameters and branch, as it was accepted. */
  PipelineSpec spec(RunRow run) {
    return specs.stored(run);
  }
}
