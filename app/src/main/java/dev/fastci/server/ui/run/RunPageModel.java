package dev.fastci.server.ui.run;

import dev.fastci.artifacts.Artifact;
import dev.fastci.contract.PipelineStatus;
import dev.fastci.server.runs.RunDetail;
import dev.fastci.server.runs.RunEvent;
import dev.fastci.server.runs.TemporalWeb;
import dev.fastci.server.ui.Formats;
import dev.fastci.server.ui.graph.DagLayout;
import dev.fastci.server.ui.graph.Timelines;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.security.web.csrf.CsrfToken;

/** Everything the run page and its live fragment show. */
final class RunPageModel {
  private RunPageModel() {}

  /**
   * @param temporalWebUrl Temporal Web's base URL, or null for no link
   * @param canOperate the viewer may cancel, retry, approve and reject: the page shows those
   *     actions
   * @param history who started, cancelled and retried the run, oldest first
   * @param artifacts the files the run's jobs kept
   */
  static Map<String, Object> of(
      RunDetail run,
      CsrfToken csrf,
      String temporalWebUrl,
      boolean canOperate,
      List<String> history,
      List<Artifact> artifacts) {
    Instant now = Instant.now();
    boolean finished = run.status().isFinal();
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("run", run);
    model.put("csrf", csrf);
    model.put("finished", finished);
    model.put("held", run.heldForApproval());
    model.put("succeeded", run.status() == PipelineStatus.SUCCEEDED);
    model.put("statusClass", Formats.statusClass(run.status()));
    model.put("trigger", Formats.trigger(run.trigger()));
    model.put("started", Formats.time(run.startedAt()));
    model.put("duration", Formats.duration(run.startedAt(), run.finishedAt(), now));
    model.put("temporalUrl", TemporalWeb.link(temporalWebUrl, run.id(), null));
    model.put("dag", DagLayout.layout(run.jobs()));
    model.put("timeline", Timelines.of(run.jobs(), setup(run, finished), now));
    model.put("jobs", run.jobs().stream().map(j -> JobLine.of(j, finished, now)).toList());
    model.put("services", run.services().stream().map(s -> ServiceLine.of(s, now)).toList());
    model.put("canOperate", canOperate);
    model.put("history", history);
    model.put("artifacts", artifacts.stream().map(a -> ArtifactLine.of(run.id(), a)).toList());
    return model;
  }

  /** The run's setup phase: under way until a job starts or the run ends. */
  private static Timelines.Setup setup(RunDetail run, boolean finished) {
    List<RunEvent> steps = run.setupSteps();
    if (steps.isEmpty() || run.setupStartedAt() == null) {
      return null;
    }
    boolean running = !finished && run.jobs().stream().allMatch(j -> j.startedAt() == null);
    String told =
        steps.stream()
            .map(e -> e.message().substring(RunDetail.SETUP_STEP.length()))
            .collect(Collectors.joining("; "));
    return new Timelines.Setup(run.setupStartedAt(), run.setupFinishedAt(), running, told);
  }
}
