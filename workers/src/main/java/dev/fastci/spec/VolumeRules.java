package dev.fastci.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Checks a job's {@code volumes}: Docker {@code -v} bindings {@code host:container[:ro|rw]}. */
final class VolumeRules {
  private static final Pattern VOLUME_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

  private VolumeRules() {}

  static List<String> volumes(JsonNode value, String at, SpecErrors errors) {
    if (!value.isArray()) {
      errors.add(at, "must be a list of strings");
      return List.of();
    }
    List<String> volumes = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      String itemAt = SpecErrors.index(at, i);
      JsonNode item = value.get(i);
      if (!item.isTextual()) {
        errors.add(itemAt, "must be a string");
      } else if (check(item.textValue(), itemAt, errors)) {
        volumes.add(item.textValue());
      }
    }
    return volumes;
  }

  private static boolean check(String volume, String at, SpecErrors errors) {
    String[] parts = volume.split(":", -1);
    if (parts.length < 2 || parts.length > 3) {
      errors.add(at, "must be host:container or host:container:ro|rw");
      return false;
    }
    boolean ok = true;
    if (!parts[0].startsWith("/") && !VOLUME_NAME.matcher(parts[0]).matches()) {
      errors.add(at, "host part must be an absolute path or a volume name");
      ok = false;
    }
    if (!parts[1].startsWith("/")) {
      errors.add(at, "container part must be an absolute path");
      ok = false;
    }
    if (parts.length == 3 && !parts[2].equals("ro") && !parts[2].equals("rw")) {
      errors.add(at, "mode must be ro or rw");
      ok = false;
    }
    return ok;
  }
}
