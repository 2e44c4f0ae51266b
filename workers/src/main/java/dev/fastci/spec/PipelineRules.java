package dev.fastci.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The pipeline's run controls: {@code concurrency} and {@code notify}. */
final class PipelineRules {
  private PipelineRules() {}

  /** {@code concurrency}, its group with the run's variables filled in; null after problems. */
  static ConcurrencySpec concurrency(
      JsonNode value, JobTemplates.Known known, Map<String, String> variables, SpecErrors errors) {
    if (!value.isObject()) {
      errors.add("concurrency", "must be an object like {\"group\": \"deploy\"}");
      return null;
    }
    int before = errors.size();
    String group = null;
    boolean cancel = false;
    for (Map.Entry<String, JsonNode> field : value.properties()) {
      String at = SpecErrors.key("concurrency", field.getKey());
      JsonNode v = field.getValue();
      switch (field.getKey()) {
        case "group" -> {
          if (!v.isTextual() || v.textValue().isBlank() || v.textValue().length() > 200) {
            errors.add(at, "must be a non-empty string of at most 200 characters");
          } else {
            JobTemplates.check(v, at, known, errors);
            group = Templates.render(v.textValue(), variables);
          }
        }
        case "cancel_in_progress" -> {
          if (!v.isBoolean()) {
            errors.add(at, "must be true or false");
          }
          cancel = v.asBoolean();
        }
        default -> errors.add(at, "unknown field");
      }
    }
    if (!value.has("group")) {
      errors.add("concurrency.group", "required");
    }
    return errors.size() > before ? null : new ConcurrencySpec(group, cancel);
  }

  /** {@code notify}: the valid webhooks, in order. */
  static List<NotifySpec> notify(JsonNode value, SpecErrors errors) {
    if (!value.isArray()) {
      errors.add("notify", "must be a list of webhooks");
      return List.of();
    }
    List<NotifySpec> hooks = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      String at = SpecErrors.index("notify", i);
      JsonNode hook = value.get(i);
      if (!hook.isObject()) {
        errors.add(at, "must be an object with webhook, on and secret_header");
        continue;
      }
      int before = errors.size();
      URI url = null;
      List<NotifySpec.On> on = null;
      String secret = null;
      for (Map.Entry<String, JsonNode> field : hook.properties()) {
        String fieldAt = SpecErrors.key(at, field.getKey());
        switch (field.getKey()) {
          case "webhook" -> url = url(field.getValue(), fieldAt, errors);
          case "on" -> on = when(field.getValue(), fieldAt, errors);
          case "secret_header" -> {
            secret = field.getValue().asText();
            if (!field.getValue().isTextual() || !secret.matches("[A-Z_][A-Z0-9_]*")) {
              errors.add(fieldAt, "must be a secret name matching [A-Z_][A-Z0-9_]*");
            }
          }
          default -> errors.add(fieldAt, "unknown field");
        }
      }
      if (!hook.has("webhook")) {
        errors.add(SpecErrors.key(at, "webhook"), "required");
      }
      if (errors.size() == before) {
        hooks.add(new NotifySpec(url, on, secret));
      }
    }
    return hooks;
  }

  private static URI url(JsonNode value, String at, SpecErrors errors) {
    try {
      URI url = new URI(value.asText());
      String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
      if (value.isTextual()
          && (scheme.equals("http") || scheme.equals("https"))
          && url.getHost() != null) {
        return url;
      }
    } catch (URISyntaxException bad) {
      // reported below
    }
    errors.add(at, "must be an http or https URL");
    return null;
  }

  private static List<NotifySpec.On> when(JsonNode value, String at, SpecErrors errors) {
    List<String> words =
        ConditionRules.strings(value, at, "of failure, success, fixed, always", errors);
    List<NotifySpec.On> on = new ArrayList<>();
    for (int i = 0; words != null && i < words.size(); i++) {
      try {
        on.add(NotifySpec.On.valueOf(words.get(i).toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException unknown) {
        errors.add(
            value.isArray() ? SpecErrors.index(at, i) : at,
            SpecErrors.quote(words.get(i)) + " is not one of failure, success, fixed, always");
      }
    }
    return on;
  }
}
