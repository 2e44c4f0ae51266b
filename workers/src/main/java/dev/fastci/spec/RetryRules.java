package dev.fastci.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A job's {@code retry}: {@code max}, {@code when} and {@code backoff_secs}. */
final class RetryRules {
  private RetryRules() {}

  static RetrySpec retry(JsonNode value, String at, SpecErrors errors) {
    if (!value.isObject()) {
      errors.add(at, "must be an object like {\"max\": 3, \"when\": [\"error\"]}");
      return null;
    }
    int max = 0;
    List<RetrySpec.On> on = null;
    List<Integer> exitCodes = new ArrayList<>();
    double backoff = 1;
    int before = errors.size();
    for (Map.Entry<String, JsonNode> field : value.properties()) {
      String fieldAt = SpecErrors.key(at, field.getKey());
      JsonNode v = field.getValue();
      switch (field.getKey()) {
        case "max" -> {
          if (!v.canConvertToExactIntegral()
              || v.asInt() < 1
              || v.asInt() > RetrySpec.MAX_TRIES
              || !v.isNumber()) {
            errors.add(fieldAt, "must be a whole number of tries from 1 to " + RetrySpec.MAX_TRIES);
          } else {
            max = v.asInt();
          }
        }
        case "when" -> on = outcomes(v, fieldAt, exitCodes, errors);
        case "backoff_secs" -> {
          double secs = v.isNumber() ? v.doubleValue() : Double.NaN;
          if (!(secs > 0) || secs > RetrySpec.MAX_BACKOFF_SECS) {
            errors.add(fieldAt, "must be a number > 0 and at most 600");
          } else {
            backoff = secs;
          }
        }
        default -> errors.add(fieldAt, "unknown field");
      }
    }
    if (!value.has("max")) {
      errors.add(SpecErrors.key(at, "max"), "required: the total number of tries, 1 to 10");
    }
    return errors.size() > before ? null : new RetrySpec(max, on, exitCodes, backoff);
  }

  private static List<RetrySpec.On> outcomes(
      JsonNode value, String at, List<Integer> exitCodes, SpecErrors errors) {
    List<String> words =
        ConditionRules.strings(value, at, "outcomes (error, failure, failure:N, timeout)", errors);
    if (words == null) {
      return null;
    }
    List<RetrySpec.On> on = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      String wordAt = value.isArray() ? SpecErrors.index(at, i) : at;
      if (word.equals("error")) {
        on.add(RetrySpec.On.ERROR);
      } else if (word.equals("timeout")) {
        on.add(RetrySpec.On.TIMEOUT);
      } else if (word.equals("failure")) {
        on.add(RetrySpec.On.FAILURE);
      } else if (word.matches("failure:[0-9]{1,3}")
          && exitCode(word) >= 1
          && exitCode(word) <= 255) {
        on.add(RetrySpec.On.FAILURE);
        exitCodes.add(exitCode(word));
      } else {
        errors.add(
            wordAt,
            SpecErrors.quote(word)
                + " is not an outcome: error, failure, failure:N (an exit code 1 to 255) or"
                + " timeout");
      }
    }
    if (words.contains("failure") && !exitCodes.isEmpty()) {
      errors.add(at, "failure already retries every exit code: drop the failure:N entries");
    }
    return on;
  }

  private static int exitCode(String word) {
    return Integer.parseInt(word.substring("failure:".length()));
  }
}
