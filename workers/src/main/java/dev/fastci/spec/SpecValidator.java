package dev.fastci.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Walks a parsed spec tree, collects every problem, and builds the {@link PipelineSpec} when there
 * are none. Problems are listed in the order of the fields in the document; problems about missing
 * fields come last.
 */
final class SpecValidator {
  private static final Set<String> FIELDS =
      Set.of(
          "name",
          "jobs",
          "parents",
          "bind_workdir_from_host",
          "setup_pipeline_dir",
          "repo_url",
          "commit_hash",
          "on",
          "secrets",
          "services",
          "parameters",
          "concurrency",
          "notify");
  private static final Pattern COMMIT = Pattern.compile("[0-9a-fA-F]{7,40}");

  /** The outcome of a validation: a spec exactly when there are no errors. */
  record Result(PipelineSpec spec, List<SpecError> errors) {}

  private final int maxJobs;

  SpecValidator(int maxJobs) {
    this.maxJobs = maxJobs;
  }

  Result validate(JsonNode root) {
    return validate(root, RunVariables.none());
  }

  /**
   * @param given the run's parameters and git facts; {@link RunVariables#none()} to check the spec
   *     alone
   */
  Result validate(JsonNode root, RunVariables given) {
    if (root == null || !root.isObject()) {
      return new Result(null, List.of(new SpecError("$", "must be an object")));
    }
    Map<String, SpecErrors> byField = new LinkedHashMap<>(); // one bucket per field, in doc order
    for (Map.Entry<String, JsonNode> field : root.properties()) {
      SpecErrors errors = new SpecErrors();
      byField.put(field.getKey(), errors);
      if (!FIELDS.contains(field.getKey())) {
        errors.add(SpecErrors.key("", field.getKey()), "unknown field");
      }
      NulCharacters.check(field.getValue(), SpecErrors.key("", field.getKey()), errors);
    }
    SpecErrors missing = new SpecErrors(); // absent fields have no bucket: theirs come last
    Function<String, SpecErrors> at = field -> byField.getOrDefault(field, missing);

    String name = name(root.get("name"), at.apply("name"));
    JsonNode secretsNode = root.get("secrets");
    List<String> secrets =
        secretsNode == null || secretsNode.isNull()
            ? List.of()
            : SecretRules.secrets(secretsNode, "secrets", at.apply("secrets"));
    JsonNode servicesNode = root.get("services");
    List<ServiceSpec> services =
        servicesNode == null || servicesNode.isNull()
            ? List.of()
            : ServiceRules.services(servicesNode, at.apply("services"));
    JsonNode parametersNode = root.get("parameters");
    List<ParameterSpec> parameters =
        parametersNode == null || parametersNode.isNull()
            ? List.of()
            : ParameterRules.parameters(parametersNode, at.apply("parameters"));
    Map<String, String> params = ParameterRules.values(parameters, given, missing);
    Map<String, String> variables = RunTemplates.variables(name, params, given, root);
    JobValidator jobValidator = new JobValidator(secrets, variables, params);
    List<JobSpec> jobs = jobs(root.get("jobs"), jobValidator, at.apply("jobs"));
    List<String> jobNames = jobs == null ? null : List.copyOf(jobValidator.names());
    Map<String, List<String>> parents =
        DagValidator.validate(
            root.get("parents"), jobNames, jobValidator.groups(), at.apply("parents"));
    if (jobs != null) {
      ServiceReferences.check(
          root.get("jobs"),
          servicesNode,
          services.stream().map(ServiceSpec::name).collect(java.util.stream.Collectors.toSet()),
          jobValidator,
          at.apply("jobs"),
          at.apply("services"));
    }
    String workdir =
        workdir(root.get("bind_workdir_from_host"), at.apply("bind_workdir_from_host"));
    boolean setupDir = setupDir(root.get("setup_pipeline_dir"), at.apply("setup_pipeline_dir"));
    String repoUrl = repoUrl(root.get("repo_url"), at.apply("repo_url"));
    String commit = commit(root.get("commit_hash"), at.apply("commit_hash"));
    BranchFilter.On on = BranchFilter.parse(root.get("on"), at.apply("on"));
    List<ScheduleSpec> schedules = ScheduleRules.schedules(root.get("on"), at.apply("on"));
    JsonNode concurrencyNode = root.get("concurrency");
    ConcurrencySpec concurrency =
        concurrencyNode == null || concurrencyNode.isNull()
            ? null
            : PipelineRules.concurrency(
                concurrencyNode,
                new JobTemplates.Known(null, params.keySet()),
                variables,
                at.apply("concurrency"));
    JsonNode notifyNode = root.get("notify");
    List<NotifySpec> notify =
        notifyNode == null || notifyNode.isNull()
            ? List.of()
            : PipelineRules.notify(notifyNode, at.apply("notify"));
    for (ParameterSpec parameter : parameters) {
      if (secrets.contains(parameter.name())) {
        at.apply("parameters")
            .add(
                SpecErrors.key("parameters", parameter.name()),
                SpecErrors.quote(parameter.name()) + " is a secret of the pipeline");
      }
    }
    if (!setupDir && repoUrl == null) {
      outputsNeedAPipelineDir(root.get("jobs"), at.apply("jobs"));
    }
    if (root.hasNonNull("repo_url") && !root.hasNonNull("commit_hash")) {
      missing.add("commit_hash", "required with repo_url");
    }
    if (root.hasNonNull("commit_hash") && !root.hasNonNull("repo_url")) {
      missing.add("repo_url", "required with commit_hash");
    }

    List<SpecError> all = new ArrayList<>();
    byField.values().forEach(errors -> all.addAll(errors.list()));
    all.addAll(missing.list());
    if (!all.isEmpty()) {
      return new Result(null, List.copyOf(all));
    }
    PipelineSpec spec =
        new PipelineSpec(
            name,
            jobs,
            parents,
            workdir,
            setupDir,
            repoUrl,
            commit,
            on.branches(),
            secrets,
            services,
            parameters,
            params,
            concurrency,
            notify,
            schedules,
            on.pullRequests());
    return new Result(spec, List.of());
  }

  private static String name(JsonNode value, SpecErrors errors) {
    if (value == null || value.isNull()) {
      errors.add("name", "required");
      return null;
    }
    int length =
        value.isTextual() ? value.textValue().codePointCount(0, value.textValue().length()) : 0;
    if (length < 1 || length > 200) {
      errors.add("name", "must be a string of 1 to 200 characters");
    }
    return value.textValue();
  }

  /**
   * Returns the valid jobs, or null when the list itself is unusable (absent, no list, too long).
   */
  private List<JobSpec> jobs(JsonNode value, JobValidator validator, SpecErrors errors) {
    if (value == null || value.isNull()) {
      errors.add("jobs", "required");
      return null;
    }
    if (!value.isArray() || value.isEmpty()) {
      errors.add("jobs", "must be a non-empty list");
      return null;
    }
    if (value.size() > maxJobs) {
      errors.add("jobs", "at most " + maxJobs + " jobs are allowed, got " + value.size());
      return null;
    }
    List<JobSpec> jobs = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      String at = SpecErrors.index("jobs", i);
      if (!value.get(i).isObject()) {
        errors.add(at, "must be an object");
        continue;
      }
      jobs.addAll(validator.validate(value.get(i), at, errors));
    }
    if (jobs.size() > maxJobs) {
      errors.add(
          "jobs",
          "at most "
              + maxJobs
              + " jobs are allowed, got "
              + jobs.size()
              + " with every matrix expanded");
      return null;
    }
    return jobs;
  }

  /** A memoized job's outputs are paths in the pipeline dir: there must be one. */
  private static void outputsNeedAPipelineDir(JsonNode jobs, SpecErrors errors) {
    if (jobs == null || !jobs.isArray()) {
      return;
    }
    for (int i = 0; i < jobs.size(); i++) {
      JsonNode outputs = jobs.get(i).get("outputs");
      if (outputs != null && outputs.isArray() && !outputs.isEmpty()) {
        errors.add(
            SpecErrors.key(SpecErrors.index("jobs", i), "outputs"),
            "needs a pipeline dir: set setup_pipeline_dir or repo_url");
      }
    }
  }

  private static String workdir(JsonNode value, SpecErrors errors) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual() || !value.textValue().startsWith("/")) {
      errors.add("bind_workdir_from_host", "must be an absolute path");
    }
    return value.textValue();
  }

  private static boolean setupDir(JsonNode value, SpecErrors errors) {
    if (value == null || value.isNull()) {
      return false;
    }
    if (!value.isBoolean()) {
      errors.add("setup_pipeline_dir", "must be true or false");
    }
    return value.asBoolean();
  }

  private static String repoUrl(JsonNode value, SpecErrors errors) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual() || value.textValue().isBlank()) {
      errors.add("repo_url", "must be a non-empty string");
    }
    return value.textValue();
  }

  private static String commit(JsonNode value, SpecErrors errors) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual() || !COMMIT.matcher(value.textValue()).matches()) {
      errors.add("commit_hash", "must be a commit id of 7 to 40 hex digits");
    }
    return value.textValue();
  }
}
