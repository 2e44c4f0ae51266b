package dev.fastci.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;

/** A job's {@code approval}, and the fields an approval job may not have. */
final class ApprovalRules {
  /** The fields an approval job may have: it runs no container. */
  static final Set<String> APPROVAL_FIELDS = Set.of("name", "approval", "when", "matrix");

  private ApprovalRules() {}

  static ApprovalSpec approval(JsonNode value, String at, SpecErrors errors) {
    if (!value.isObject()) {
      errors.add(at, "must be an object with message and timeout_secs");
      return null;
    }
    String message = "Approve?";
    double timeout = ApprovalSpec.DEFAULT_TIMEOUT_SECS;
    for (Map.Entry<String, JsonNode> field : value.properties()) {
      String fieldAt = SpecErrors.key(at, field.getKey());
      switch (field.getKey()) {
        case "message" -> {
          if (!field.getValue().isTextual() || field.getValue().textValue().isBlank()) {
            errors.add(fieldAt, "must be a non-empty string");
          } else {
            message = field.getValue().textValue();
          }
        }
        case "timeout_secs" -> {
          Double secs = FieldRules.timeout(field.getValue(), fieldAt, errors);
          timeout = secs == null ? timeout : secs;
        }
        default -> errors.add(fieldAt, "unknown field");
      }
    }
    return new ApprovalSpec(message, timeout);
  }

  /** An approval job runs no container: fields of one are refused. */
  static void onlyApprovalFields(JsonNode job, String path, SpecErrors errors) {
    for (Map.Entry<String, JsonNode> field : job.properties()) {
      if (!APPROVAL_FIELDS.contains(field.getKey())) {
        errors.add(
            SpecErrors.key(path, field.getKey()),
            "not allowed with approval: an approval job runs no container");
      }
    }
  }
}
