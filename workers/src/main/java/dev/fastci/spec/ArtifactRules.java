package dev.fastci.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A job's {@code artifacts}: globs of files, relative to the job's working directory, kept after it
 * ends. None may leave the working directory.
 */
final class ArtifactRules {
  private ArtifactRules() {}

  static List<String> artifacts(JsonNode value, String at, SpecErrors errors) {
    if (!value.isArray()) {
      errors.add(at, "must be a list of file globs relative to the working dir");
      return List.of();
    }
    List<String> globs = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      JsonNode item = value.get(i);
      String itemAt = SpecErrors.index(at, i);
      String glob = item.isTextual() ? item.textValue().strip() : "";
      if (glob.isEmpty()) {
        errors.add(itemAt, "must be a non-empty glob");
      } else if (glob.startsWith("/")) {
        errors.add(itemAt, "must be relative to the working dir, not absolute");
      } else if (List.of(glob.split("/")).contains("..")) {
        errors.add(itemAt, "may not leave the working dir (..)");
      } else {
        globs.add(glob);
      }
    }
    return globs;
  }
}
