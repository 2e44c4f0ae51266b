package dev.fastci.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks the jobs of one pipeline, one at a time, and remembers their names so that duplicates are
 * reported at the second occurrence.
 */
final class JobValidator {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");
  private static final List<String> REQUIRED = List.of("name", "image", "command");
  private static final Set<String> FIELDS =
      Set.of(
          "name",
          "image",
          "command",
          "volumes",
          "timeout_secs",
          "env",
          "secrets",
          "memory",
          "cpus",
          "platform",
          "caches",
          "cache",
          "outputs",
          "services",
          "when",
          "retry",
          "matrix",
          "artifacts",
          "approval");

  private final Set<String> names = new LinkedHashSet<>();
  private final Map<String, List<String>> groups = new LinkedHashMap<>();
  private final List<String> pipelineSecrets;
  private final Map<String, String> variables;
  private final Map<String, String> params;

  /**
   * @param pipelineSecrets the pipeline's valid {@code secrets}, which every job gets
   * @param variables the run's template values by {@code namespace.key} ({@code params.TARGET},
   *     {@code git.branch}, ...)
   * @param params the run's value of each parameter, which every job gets as env
   */
  JobValidator(
      List<String> pipelineSecrets, Map<String, String> variables, Map<String, String> params) {
    this.pipelineSecrets = List.copyOf(pipelineSecrets);
    this.variables = Map.copyOf(variables);
    this.params = params;
  }

  JobValidator(List<String> pipelineSecrets) {
    this(pipelineSecrets, Map.of(), Map.of());
  }

  /** Every string given as a job name so far, valid or not, in input order. */
  Set<String> names() {
    return names;
  }

  /** The instance names of each matrix job so far, by the matrix job's name. */
  Map<String, List<String>> groups() {
    return groups;
  }

  /**
   * Returns the job, or each instance of a matrix job; nothing after adding its problems to {@code
   * errors}. Problems that every instance shares are reported once.
   */
  List<JobSpec> validate(JsonNode job, String path, SpecErrors errors) {
    JsonNode matrix = job.get("matrix");
    boolean hasMatrix = matrix != null && !matrix.isNull();
    List<Map<String, String>> combinations =
        hasMatrix ? MatrixRules.combinations(matrix, SpecErrors.key(path, "matrix"), errors) : null;
    Set<String> keys =
        combinations == null || combinations.isEmpty() ? Set.of() : combinations.get(0).keySet();
    JobTemplates.checkJob(
        job, path, new JobTemplates.Known(hasMatrix ? keys : null, params.keySet()), errors);
    if (!hasMatrix) {
      JobSpec one = validateOne(JobTemplates.render(job, variables), path, errors, null, null);
      return one == null ? List.of() : List.of(one);
    }
    String group =
        job.has("name") ? name(job.get("name"), SpecErrors.key(path, "name"), errors) : null;
    if (combinations == null || group == null) {
      return List.of();
    }
    List<JobSpec> instances = new ArrayList<>();
    Set<SpecError> reported = new HashSet<>();
    int before = errors.size();
    for (int i = 0; i < combinations.size(); i++) {
      Map<String, String> values = combinations.get(i);
      String name = MatrixJobs.instanceName(group, values, i);
      if (!names.add(name)) {
        errors.add(
            SpecErrors.key(path, "matrix"),
            "instance name " + SpecErrors.quote(name) + " is taken by another job");
        continue;
      }
      SpecErrors own = new SpecErrors();
      JobSpec instance =
          validateOne(
              JobTemplates.render(job, withMatrix(values)),
              path,
              own,
              name,
              new MatrixInstance(group, values));
      own.list().stream().filter(reported::add).forEach(e -> errors.add(e.path(), e.message()));
      if (instance != null) {
        instances.add(instance);
      }
    }
    groups.put(group, instances.stream().map(JobSpec::name).toList());
    return errors.size() > before ? List.of() : instances;
  }

  private Map<String, String> withMatrix(Map<String, String> matrix) {
    Map<String, String> all = new LinkedHashMap<>(variables);
    matrix.forEach((key, value) -> all.put("matrix." + key, value));
    return all;
  }

  /**
   * One job: a plain one (no {@code instanceName}), or an instance of a matrix job, whose {@code
   * name} field was checked already.
   */
  private JobSpec validateOne(
      JsonNode job, String path, SpecErrors errors, String instanceName, MatrixInstance matrix) {
    int before = errors.size();
    String name = instanceName;
    String image = null;
    List<String> command = null;
    List<String> volumes = List.of();
    Double timeout = null;
    Map<String, String> env = Map.of();
    List<String> secrets = List.of();
    String memory = null;
    Double cpus = null;
    String platform = null;
    List<CacheSpec> caches = List.of();
    boolean memoize = false;
    List<String> outputs = List.of();
    List<String> services = List.of();
    Condition when = null;
    RetrySpec retry = null;
    List<String> artifacts = List.of();
    ApprovalSpec approval = null;
    boolean gate = job.hasNonNull("approval");
    if (gate) {
      ApprovalRules.onlyApprovalFields(job, path, errors);
      command = List.of();
    }
    for (Map.Entry<String, JsonNode> field : job.properties()) {
      JsonNode value = field.getValue();
      String at = SpecErrors.key(path, field.getKey());
      if (!FIELDS.contains(field.getKey())) {
        errors.add(at, "unknown field");
        continue;
      }
      if (value.isNull()) {
        continue; // an optional field set to null is absent; a required one is reported below
      }
      switch (field.getKey()) {
        case "name" -> name = matrix != null ? name : name(value, at, errors);
        case "image" -> image = FieldRules.image(value, at, errors);
        case "command" -> command = FieldRules.command(value, at, errors);
        case "volumes" -> volumes = VolumeRules.volumes(value, at, errors);
        case "timeout_secs" -> timeout = FieldRules.timeout(value, at, errors);
        case "env" -> env = FieldRules.env(value, at, errors);
        case "secrets" -> secrets = SecretRules.secrets(value, at, errors);
        case "memory" -> memory = FieldRules.memory(value, at, errors);
        case "cpus" -> cpus = FieldRules.cpus(value, at, errors);
        case "platform" -> platform = CacheRules.platform(value, at, errors);
        case "caches" -> caches = CacheRules.caches(value, at, errors);
        case "cache" -> memoize = CacheRules.memoize(value, at, errors);
        case "outputs" -> outputs = CacheRules.outputs(value, at, errors);
        case "services" -> services = serviceNames(value, at, errors);
        case "when" -> when = ConditionRules.condition(value, at, errors);
        case "retry" -> retry = RetryRules.retry(value, at, errors);
        case "matrix" -> {} // expanded by validate
        case "artifacts" -> artifacts = ArtifactRules.artifacts(value, at, errors);
        case "approval" -> approval = ApprovalRules.approval(value, at, errors);
        default -> throw new AssertionError(field.getKey());
      }
    }
    for (String required : gate ? List.of("name") : REQUIRED) {
      if (!job.hasNonNull(required)) {
        errors.add(SpecErrors.key(path, required), "required");
      }
    }
    secretsNotInEnv(secrets, env, path, errors);
    if (!outputs.isEmpty() && !memoize) {
      errors.add(SpecErrors.key(path, "outputs"), "only with \"cache\": true");
    }
    if (errors.size() > before) {
      return null;
    }
    env = new LinkedHashMap<>(env);
    if (matrix != null) {
      MatrixJobs.addEnv(env, matrix.values());
    }
    params.forEach(env::putIfAbsent);
    return new JobSpec(
        name,
        image,
        command,
        volumes,
        timeout,
        env,
        secrets,
        pipelineSecrets,
        memory,
        cpus,
        platform,
        caches,
        memoize,
        outputs,
        services,
        when,
        retry,
        matrix,
        artifacts,
        approval);
  }

  private static List<String> serviceNames(JsonNode value, String at, SpecErrors errors) {
    if (!value.isArray()) {
      errors.add(at, "must be a list of service names");
      return List.of();
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      if (!value.get(i).isTextual()) {
        errors.add(SpecErrors.index(at, i), "must be a service name");
      } else if (!names.contains(value.get(i).textValue())) {
        names.add(value.get(i).textValue());
      }
    }
    return names;
  }

  /** A variable is either a secret or a plain env value, never both. */
  private void secretsNotInEnv(
      List<String> secrets, Map<String, String> env, String path, SpecErrors errors) {
    for (int i = 0; i < secrets.size(); i++) {
      if (env.containsKey(secrets.get(i))) {
        errors.add(
            SpecErrors.index(SpecErrors.key(path, "secrets"), i),
            SpecErrors.quote(secrets.get(i)) + " is also set in env");
      }
    }
    for (String key : env.keySet()) {
      if (pipelineSecrets.contains(key)) {
        errors.add(
            SpecErrors.key(SpecErrors.key(path, "env"), key),
            SpecErrors.quote(key) + " is a secret of the pipeline");
      }
    }
  }

  private String name(JsonNode value, String at, SpecErrors errors) {
    if (!value.isTextual()) {
      errors.add(at, "must be a string of 1 to 100 characters from A-Z a-z 0-9 . _ -");
      return null;
    }
    String name = value.textValue();
    boolean duplicate = !names.add(name);
    if (!NAME.matcher(name).matches()) {
      errors.add(at, "must be a string of 1 to 100 characters from A-Z a-z 0-9 . _ -");
    } else if (duplicate) {
      errors.add(at, "duplicate job name " + SpecErrors.quote(name));
    }
    return name;
  }
}
