package dev.fastci.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The pipeline's {@code services}: containers of the run beside its jobs. */
final class ServiceRules {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");
  private static final Pattern HOST_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final Set<String> FIELDS =
      Set.of("name", "image", "command", "env", "secrets", "memory", "cpus", "ready");

  private ServiceRules() {}

  /** The valid services, in order; problems are added to {@code errors}. */
  static List<ServiceSpec> services(JsonNode value, SpecErrors errors) {
    if (!value.isArray()) {
      errors.add("services", "must be a list of services");
      return List.of();
    }
    List<ServiceSpec> services = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    for (int i = 0; i < value.size(); i++) {
      String at = SpecErrors.index("services", i);
      if (!value.get(i).isObject()) {
        errors.add(at, "must be an object");
        continue;
      }
      ServiceSpec service = service(value.get(i), at, names, errors);
      if (service != null) {
        services.add(service);
      }
    }
    return services;
  }

  private static ServiceSpec service(
      JsonNode node, String path, Set<String> names, SpecErrors errors) {
    int before = errors.size();
    String name = null;
    String image = null;
    List<String> command = null;
    Map<String, String> env = Map.of();
    List<String> secrets = List.of();
    String memory = null;
    Double cpus = null;
    ServiceSpec.Ready ready = null;
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String at = SpecErrors.key(path, field.getKey());
      JsonNode v = field.getValue();
      if (!FIELDS.contains(field.getKey())) {
        errors.add(
            at,
            field.getKey().equals("volumes")
                ? "unknown field: services cannot mount host paths"
                : "unknown field");
        continue;
      }
      if (v.isNull()) {
        continue;
      }
      switch (field.getKey()) {
        case "name" -> name = name(v, at, names, errors);
        case "image" -> image = FieldRules.image(v, at, errors);
        case "command" -> command = FieldRules.command(v, at, errors);
        case "env" -> env = FieldRules.env(v, at, errors);
        case "secrets" -> secrets = SecretRules.secrets(v, at, errors);
        case "memory" -> memory = FieldRules.memory(v, at, errors);
        case "cpus" -> cpus = FieldRules.cpus(v, at, errors);
        case "ready" -> ready = ready(v, at, errors);
        default -> throw new AssertionError(field.getKey());
      }
    }
    for (String required : List.of("name", "image")) {
      if (!node.hasNonNull(required)) {
        errors.add(SpecErrors.key(path, required), "required");
      }
    }
    if (errors.size() > before) {
      return null;
    }
    return new ServiceSpec(name, image, command, env, secrets, memory, cpus, ready);
  }

  /** Jobs reach a service by its name, so it must also be a host name. */
  private static String name(JsonNode value, String at, Set<String> names, SpecErrors errors) {
    String name = value.isTextual() ? value.textValue() : null;
    if (name == null || !NAME.matcher(name).matches() || !HOST_NAME.matcher(name).matches()) {
      errors.add(at, "must be a host name: 1 to 63 of a-z 0-9 -, not starting or ending with -");
      return null;
    }
    if (!names.add(name)) {
      errors.add(at, "duplicate service name " + SpecErrors.quote(name));
    }
    return name;
  }

  private static ServiceSpec.Ready ready(JsonNode value, String at, SpecErrors errors) {
    if (!value.isObject()) {
      errors.add(at, "must be an object with tcp or command, and timeout_secs");
      return null;
    }
    Integer tcp = null;
    List<String> command = null;
    double timeout = ServiceSpec.DEFAULT_READY_SECS;
    for (Map.Entry<String, JsonNode> field : value.properties()) {
      String fieldAt = SpecErrors.key(at, field.getKey());
      JsonNode v = field.getValue();
      switch (field.getKey()) {
        case "tcp" -> {
          if (!v.isIntegralNumber() || v.asInt() < 1 || v.asInt() > 65535) {
            errors.add(fieldAt, "must be a port number from 1 to 65535");
          } else {
            tcp = v.asInt();
          }
        }
        case "command" -> command = FieldRules.command(v, fieldAt, errors);
        case "timeout_secs" -> {
          Double secs = FieldRules.timeout(v, fieldAt, errors);
          timeout = secs == null ? timeout : secs;
        }
        default -> errors.add(fieldAt, "unknown field");
      }
    }
    if (tcp != null && command != null) {
      errors.add(at, "set tcp or command, not both");
    }
    return new ServiceSpec.Ready(tcp, command, timeout);
  }
}
