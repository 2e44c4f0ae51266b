package dev.fastci.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
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
  private static final Pattern ENV_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
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
          "outputs");

  private final Set<String> names = new LinkedHashSet<>();
  private final List<String> pipelineSecrets;

  /**
   * @param pipelineSecrets the pipeline's valid {@code secrets}, which every job gets
   */
  JobValidator(List<String> pipelineSecrets) {
    this.pipelineSecrets = List.copyOf(pipelineSecrets);
  }

  /** Every string given as a job name so far, valid or not, in input order. */
  Set<String> names() {
    return names;
  }

  /** Returns the job, or null after adding its problems to {@code errors}. */
  JobSpec validate(JsonNode job, String path, SpecErrors errors) {
    int before = errors.size();
    String name = null;
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
        case "name" -> name = name(value, at, errors);
        case "image" -> image = image(value, at, errors);
        case "command" -> command = command(value, at, errors);
        case "volumes" -> volumes = VolumeRules.volumes(value, at, errors);
        case "timeout_secs" -> timeout = timeout(value, at, errors);
        case "env" -> env = env(value, at, errors);
        case "secrets" -> secrets = SecretRules.secrets(value, at, errors);
        case "memory" -> memory = memory(value, at, errors);
        case "cpus" -> cpus = cpus(value, at, errors);
        case "platform" -> platform = CacheRules.platform(value, at, errors);
        case "caches" -> caches = CacheRules.caches(value, at, errors);
        case "cache" -> memoize = CacheRules.memoize(value, at, errors);
        case "outputs" -> outputs = CacheRules.outputs(value, at, errors);
        default -> throw new AssertionError(field.getKey());
      }
    }
    for (String required : REQUIRED) {
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
        outputs);
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

  private static String memory(JsonNode value, String at, SpecErrors errors) {
    try {
      if (MemorySize.parse(value.isTextual() ? value.textValue() : null)
          < MemorySize.DOCKER_MINIMUM) {
        errors.add(at, "must be at least 6m (Docker's minimum)");
      }
    } catch (IllegalArgumentException e) {
      errors.add(at, e.getMessage());
      return null;
    }
    return value.textValue().strip();
  }

  private static Double cpus(JsonNode value, String at, SpecErrors errors) {
    double cpus = value.isNumber() ? value.doubleValue() : Double.NaN;
    if (!(cpus > 0) || Double.isInfinite(cpus)) {
      errors.add(at, "must be a number > 0");
      return null;
    }
    if (cpus < 0.01) {
      errors.add(at, "must be at least 0.01 (Docker's minimum)");
    }
    return cpus;
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

  private static String image(JsonNode value, String at, SpecErrors errors) {
    String image = value.isTextual() ? value.textValue() : "";
    if (image.isEmpty() || image.chars().anyMatch(Character::isWhitespace)) {
      errors.add(at, "must be a non-empty image name without whitespace");
      return null;
    }
    return image;
  }

  private static List<String> command(JsonNode value, String at, SpecErrors errors) {
    if (value.isTextual()) {
      try {
        List<String> argv = CommandSplitter.split(value.textValue());
        if (argv.isEmpty()) {
          errors.add(at, "must contain at least one word");
        }
        return argv;
      } catch (IllegalArgumentException e) {
        errors.add(at, e.getMessage());
        return null;
      }
    }
    if (!value.isArray()) {
      errors.add(at, "must be a string or a non-empty list of strings");
      return null;
    }
    if (value.isEmpty()) {
      errors.add(at, "must be a non-empty list of strings");
    }
    List<String> argv = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      if (value.get(i).isTextual()) {
        argv.add(value.get(i).textValue());
      } else {
        errors.add(SpecErrors.index(at, i), "must be a string");
      }
    }
    return argv;
  }

  private static Double timeout(JsonNode value, String at, SpecErrors errors) {
    double secs = value.isNumber() ? value.doubleValue() : Double.NaN;
    if (!(secs > 0) || Double.isInfinite(secs)) {
      errors.add(at, "must be a number > 0");
      return null;
    }
    return secs;
  }

  private static Map<String, String> env(JsonNode value, String at, SpecErrors errors) {
    if (!value.isObject()) {
      errors.add(at, "must be an object");
      return Map.of();
    }
    Map<String, String> env = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : value.properties()) {
      String key = entry.getKey();
      JsonNode v = entry.getValue();
      String keyAt = SpecErrors.key(at, key);
      if (!ENV_KEY.matcher(key).matches()) {
        errors.add(keyAt, "must be a variable name matching [A-Za-z_][A-Za-z0-9_]*");
      } else if (!(v.isTextual() || v.isNumber() || v.isBoolean())) {
        errors.add(keyAt, "must be a string, number or boolean");
      } else {
        env.put(key, v.asText());
      }
    }
    return env;
  }
}
