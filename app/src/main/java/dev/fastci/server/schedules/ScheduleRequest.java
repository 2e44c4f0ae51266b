package dev.fastci.server.schedules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fastci.server.runs.Branches;
import dev.fastci.server.runs.RunService;
import dev.fastci.spec.Cron;
import dev.fastci.spec.InvalidSpecException;
import dev.fastci.spec.PipelineSpec;
import dev.fastci.spec.SpecError;
import dev.fastci.spec.SpecFormat;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A schedule asked for through the API ({@code {"spec": {...}, "cron": "*&#47;15 * * * *",
 * "timezone": "UTC", "branch": "main"}}) or the Schedules page, before it is checked.
 *
 * @param specText the spec: JSON, or YAML from the page
 * @param timezone a zone id; blank means UTC
 * @param branch the runs' branch, or null
 */
public record ScheduleRequest(
    String specText, SpecFormat format, String cron, String timezone, String branch) {

  public ScheduleRequest {
    timezone = timezone == null || timezone.isBlank() ? "UTC" : timezone.strip();
    branch = branch == null || branch.isBlank() ? null : branch.strip();
    cron = cron == null ? null : cron.strip();
  }

  /** From the API's JSON body; {@code spec} is an object, or a string of JSON or YAML. */
  public static ScheduleRequest fromJson(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new InvalidSpecException(
          List.of(new SpecError("$", "must be an object with spec, cron and timezone")));
    }
    JsonNode spec = body.path("spec");
    return new ScheduleRequest(
        spec.isTextual() ? spec.textValue() : spec.isMissingNode() ? null : spec.toString(),
        SpecFormat.AUTO,
        text(body, "cron"),
        text(body, "timezone"),
        text(body, "branch"));
  }

  /**
   * Checks every field, and the spec as a submitted run's is.
   *
   * @throws InvalidSpecException with every problem by path; the spec's paths start with {@code
   *     spec.}
   */
  PipelineSpec check(RunService runs) {
    List<SpecError> errors = new ArrayList<>();
    if (cron == null || cron.isEmpty()) {
      errors.add(new SpecError("cron", "required, e.g. \"0 3 * * *\""));
    } else {
      try {
        Cron.parse(cron);
      } catch (IllegalArgumentException e) {
        errors.add(new SpecError("cron", e.getMessage()));
      }
    }
    try {
      ZoneId.of(timezone);
    } catch (DateTimeException e) {
      errors.add(
          new SpecError("timezone", timezone + " is not a time zone such as UTC or Europe/Berlin"));
    }
    try {
      Branches.checked(branch);
    } catch (IllegalArgumentException e) {
      errors.add(new SpecError("branch", e.getMessage().replaceFirst("^branch: ", "")));
    }
    PipelineSpec spec = null;
    if (specText == null || specText.isBlank()) {
      errors.add(new SpecError("spec", "required: the pipeline to run"));
    } else {
      try {
        spec = runs.accept(specText, format);
      } catch (InvalidSpecException e) {
        e.errors()
            .forEach(error -> errors.add(new SpecError(inSpec(error.path()), error.message())));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidSpecException(errors);
    }
    return spec;
  }

  private static String inSpec(String path) {
    return path.equals("$") ? "spec" : "spec." + path;
  }

  private static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
