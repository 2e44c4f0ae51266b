package dev.fastci.server.runs;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fastci.client.PipelineClient;
import dev.fastci.contract.JobStatus;
import dev.fastci.contract.PipelineStatus;
import dev.fastci.contract.RunIds;
import dev.fastci.secrets.SecretSource;
import dev.fastci.server.FastciProperties;
import dev.fastci.server.audit.Actor;
import dev.fastci.server.audit.AuditLog;
import dev.fastci.server.audit.Outcome;
import dev.fastci.server.metrics.RunMeters;
import dev.fastci.spec.ConcurrencySpec;
import dev.fastci.spec.PipelineSpec;
import dev.fastci.spec.RunFacts;
import dev.fastci.spec.RunVariables;
import dev.fastci.spec.SpecFormat;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Starts, cancels, retries and resumes runs, and reads one run's detail: every change to a run goes
 * through here. Lists of runs are read from {@link RunStore} directly.
 */
@Service
public class RunService {

  private final RunStore store;
  private final JobRowsStore jobRows;
  private final RunViews views;
  private final SpecDocuments specs;
  private final PipelineClient pipelines;
  private final RunRowJson json;
  private final FastciProperties properties;
  private final RunStarter starter;
  private final ConcurrencyGroups groups;
  private final HostAccess hostAccess;
  private final SubmissionPolicy submissions;
  private final RunMeters meters;
  private final AuditLog audit;

  public RunService(
      RunStore store,
      JobRowsStore jobRows,
      RunViews views,
      SpecDocuments specs,
      PipelineClient pipelines,
      ObjectMapper json,
      FastciProperties properties,
      RunStarter starter,
      ConcurrencyGroups groups,
      SecretSource secrets,
      RunMeters meters,
      AuditLog audit) {
    this.store = store;
    this.jobRows = jobRows;
    this.views = views;
    this.specs = specs;
    this.pipelines = pipelines;
    this.json = new RunRowJson(json);
    this.properties = properties;
    this.starter = starter;
    this.groups = groups;
    this.meters = meters;
    this.hostAccess = HostAccess.ofServer(properties);
    this.submissions =
        new SubmissionPolicy(
            properties.limits(), properties.notifications().allowedHosts(), secrets);
    this.audit = audit;
  }

  /**
   * Validates and starts a run; returns its id. Nothing starts when the spec is invalid or mounts a
   * host path outside {@code fastci.volumes.allowed-roots}.
   */
  public String submit(String text, SpecFormat format, Trigger trigger) {
    return submit(text, format, trigger, trigger.facts(null, null));
  }

  /**
   * Validates and starts a run whose conditions are judged against these facts (its event, branch
   * and changed paths); the jobs they skip are stored with the run, so a retry skips them too.
   */
  public String submit(String text, SpecFormat format, Trigger trigger, RunFacts facts) {
    return submit(RunIds.newId(), text, format, trigger, facts, Map.of());
  }

  /**
   * Validates and starts a run given these parameters: the spec's templates take them and the run's
   * branch and commit. A run of a concurrency group may wait QUEUED, or supersede the group's
   * running one. Nothing starts when the spec or a parameter is invalid. The start is audited.
   */
  public String submit(
      String text, SpecFormat format, Trigger trigger, RunFacts facts, Map<String, String> params) {
    return submit(RunIds.newId(), text, format, trigger, facts, params);
  }

  /**
   * The same under a run id chosen before: a schedule's fire records it first, so that a fire tried
   * again starts no second run.
   */
  public String submitAs(
      String id, String text, SpecFormat format, Trigger trigger, RunFacts facts) {
    return submit(id, text, format, trigger, facts, Map.of());
  }

  /**
   * Validates and starts a run of a forge's event: its repository fetched as {@code origin} says,
   * untrusted (no secrets, no cache or memo writes) for a pull request from a fork, held {@code
   * WAITING} until a user approves it when {@code origin} asks for approval, and in the origin's
   * default concurrency group (a new push to a pull request supersedes its runs) unless the
   * pipeline names its own. An untrusted run may name secrets the server lacks: it gets none
   * anyway, and its jobs that name one end in ERROR saying why.
   */
  public String submit(
      String text,
      SpecFormat format,
      Trigger trigger,
      RunFacts facts,
      RunOrigin origin,
      Actor actor) {
    return submit(RunIds.newId(), text, format, trigger, facts, Map.of(), origin, actor);
  }

  private String submit(
      String id,
      String text,
      SpecFormat format,
      Trigger trigger,
      RunFacts facts,
      Map<String, String> params) {
    return submit(
        id,
        text,
        format,
        trigger,
        facts,
        params,
        RunOrigin.SUBMITTED,
        Actor.starting(trigger.type()));
  }

  private String submit(
      String id,
      String text,
      SpecFormat format,
      Trigger trigger,
      RunFacts facts,
      Map<String, String> params,
      RunOrigin origin,
      Actor actor) {
    try {
      start(id, text, format, trigger, facts, params, origin);
      meters.runStarted();
    } catch (RuntimeException e) {
      audit.record(actor, "run.start", null, null, Outcome.FAILED, e.getMessage());
      throw e;
    }
    audit.record(actor, "run.start", "run " + id, id, Outcome.OK, "trigger " + trigger.type());
    return id;
  }

  private void start(
      String id,
      String text,
      SpecFormat format,
      Trigger trigger,
      RunFacts facts,
      Map<String, String> params,
      RunOrigin origin) {
    RunVariables variables =
        new RunVariables(
            params,
            facts.branch(),
            trigger.details().get("after"),
            trigger.details().get("base_branch"),
            true);
    PipelineSpec spec =
        hostAccess.enforce(
            specs.parse(text, format, variables),
            accessOf(trigger.type(), trigger.details().containsKey("repo")));
    // secrets this server lacks (unless the run gets none anyway), limits above its maximums
    submissions.enforce(spec, !origin.untrusted());
    Map<String, String> skips = spec.conditionSkips(facts);
    ConcurrencySpec concurrency =
        spec.concurrency() != null
            ? spec.concurrency()
            : origin.defaultGroup() == null
                ? null
                : new ConcurrencySpec(origin.defaultGroup(), true);
    NewRun run =
        new NewRun(
            id,
            spec.name(),
            origin.holdForApproval() ? PipelineStatus.WAITING : PipelineStatus.PENDING,
            specs.toJson(text, format),
            json.write(trigger.asMap()),
            Instant.now(),
            facts.event(),
            facts.branch(),
            skips.isEmpty() ? null : json.write(skips),
            spec.params().isEmpty() ? null : json.write(spec.params()),
            concurrency == null ? null : concurrency.group(),
            RunOrigins.accessJson(origin),
            origin.untrusted());
    if (origin.holdForApproval()) {
      groups.hold(run);
    } else if (concurrency != null) {
      groups.admit(run, concurrency);
    } else {
      store.insert(run);
      starter.startFirst(run.row());
    }
  }

  /**
   * Checks a spec as a submission is checked, starting nothing: the spec's rules, host paths under
   * the allowed roots, and this server's secrets and limits.
   *
   * @throws dev.fastci.spec.InvalidSpecException with every problem by path
   */
  public PipelineSpec accept(String text, SpecFormat format) {
    PipelineSpec spec = hostAccess.enforce(specs.parse(text, format), "api");
    return submissions.enforce(spec); // secrets this server lacks, limits above its maximums
  }

  /**
   * The trigger as host access judges it: a schedule of a repository's pipeline file runs what a
   * push of that repository brought (its {@code repo_url} is the pushed repository), as a push
   * does.
   */
  static String accessOf(String triggerType, boolean fromRepo) {
    return "schedule".equals(triggerType) && fromRepo ? "push" : triggerType;
  }

  public RunDetail detail(String id) {
    return views.detail(id);
  }

  /** The spec of one job of a run. */
  public dev.fastci.spec.JobSpec jobSpec(String id, String job) {
    return specs.stored(views.row(id)).jobs().stream()
        .filter(j -> j.name().equals(job))
        .findFirst()
        .orElseThrow(() -> new RunNotFoundException("run " + id + " has no job " + job));
  }

  /** The spec of one service of a run, from the store alone (no workflow query). */
  public dev.fastci.spec.ServiceSpec serviceSpec(String id, String service) {
    return specs.stored(views.row(id)).services().stream()
        .filter(s -> s.name().equals(service))
        .findFirst()
        .orElseThrow(() -> new RunNotFoundException("run " + id + " has no service " + service));
  }

  /** The run's latest attempt, from the store alone (no workflow query). */
  public int latestAttempt(String id) {
    return views.row(id).attempt();
  }

  /** The tries of a job attempt, oldest first: the latest attempt's live, others' stored. */
  public List<TryView> tries(RunDetail run, String job, int attempt) {
    return views.triesOf(run, job, attempt);
  }

  /** How an earlier attempt of a job ended, from the store. */
  public Optional<JobStatus> attemptStatus(String id, String job, int attempt) {
    return jobRows.jobRows(id).stream()
        .filter(row -> row.job().equals(job) && row.attempt() == attempt)
        .map(JobRow::status)
        .findFirst();
  }
}
