package dev.fastci.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The job fields of caching and platforms: {@code caches}, {@code cache}, {@code outputs}, {@code
 * platform}.
 */
final class CacheRules {
  private static final Set<String> CACHE_FIELDS = Set.of("key", "path", "restore_keys");
  private static final Pattern PLATFORM = Pattern.compile("[a-z0-9]+/[a-z0-9_]+(/[a-z0-9]+)?");
  private static final int MAX_KEY = 200;

  private CacheRules() {}

  static String platform(JsonNode value, String at, SpecErrors errors) {
    if (!value.isTextual() || !PLATFORM.matcher(value.textValue()).matches()) {
      errors.add(at, "must be os/arch[/variant], e.g. \"linux/arm64\"");
      return null;
    }
    return value.textValue();
  }

  static boolean memoize(JsonNode value, String at, SpecErrors errors) {
    if (!value.isBoolean()) {
      errors.add(at, "must be true or false");
      return false;
    }
    return value.booleanValue();
  }

  /** {@code outputs}: relative paths in the pipeline dir, without {@code ..}. */
  static List<String> outputs(JsonNode value, String at, SpecErrors errors) {
    if (!value.isArray()) {
      errors.add(at, "must be a list of paths relative to the pipeline dir");
      return List.of();
    }
    List<String> outputs = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      String itemAt = SpecErrors.index(at, i);
      JsonNode item = value.get(i);
      if (!item.isTextual() || !isRelativePath(item.textValue())) {
        errors.add(itemAt, "must be a non-empty path relative to the pipeline dir, without ..");
      } else if (outputs.contains(item.textValue())) {
        errors.add(itemAt, "duplicate output " + SpecErrors.quote(item.textValue()));
      } else {
        outputs.add(item.textValue());
      }
    }
    return outputs;
  }

  static List<CacheSpec> caches(JsonNode value, String at, SpecErrors errors) {
    if (!value.isArray()) {
      errors.add(at, "must be a list of {key, path, restore_keys} objects");
      return List.of();
    }
    List<CacheSpec> caches = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      String itemAt = SpecErrors.index(at, i);
      CacheSpec cache = cache(value.get(i), itemAt, errors);
      if (cache == null) {
        continue;
      }
      if (paths.contains(cache.path())) {
        errors.add(SpecErrors.key(itemAt, "path"), "duplicate cache path");
      }
      paths.add(cache.path());
      caches.add(cache);
    }
    return caches;
  }

  private static CacheSpec cache(JsonNode item, String at, SpecErrors errors) {
    if (!item.isObject()) {
      errors.add(at, "must be an object with key and path");
      return null;
    }
    int before = errors.size();
    for (Map.Entry<String, JsonNode> field : item.properties()) {
      if (!CACHE_FIELDS.contains(field.getKey())) {
        errors.add(SpecErrors.key(at, field.getKey()), "unknown field");
      }
    }
    String key = key(item.get("key"), SpecErrors.key(at, "key"), errors);
    String path = containerPath(item.get("path"), SpecErrors.key(at, "path"), errors);
    List<String> restoreKeys =
        restoreKeys(item.get("restore_keys"), SpecErrors.key(at, "restore_keys"), errors);
    return errors.size() > before ? null : new CacheSpec(key, path, restoreKeys);
  }

  private static String key(JsonNode value, String at, SpecErrors errors) {
    if (value == null || value.isNull()) {
      errors.add(at, "required");
      return null;
    }
    if (!value.isTextual() || value.textValue().length() > MAX_KEY) {
      errors.add(at, "must be a string of at most " + MAX_KEY + " characters");
      return null;
    }
    try {
      KeyTemplate.parse(value.textValue());
    } catch (IllegalArgumentException e) {
      errors.add(at, e.getMessage());
    }
    return value.textValue();
  }

  private static String containerPath(JsonNode value, String at, SpecErrors errors) {
    if (value == null || value.isNull()) {
      errors.add(at, "required");
      return null;
    }
    String path = value.isTextual() ? value.textValue() : "";
    if (!path.startsWith("/")
        || path.equals("/")
        || path.contains(":")
        || List.of(path.split("/")).contains("..")) {
      errors.add(at, "must be an absolute container path other than /, without : or ..");
      return null;
    }
    return path;
  }

  private static List<String> restoreKeys(JsonNode value, String at, SpecErrors errors) {
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      errors.add(at, "must be a list of key prefixes");
      return List.of();
    }
    List<String> prefixes = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      JsonNode item = value.get(i);
      if (!item.isTextual() || item.textValue().isEmpty()) {
        errors.add(SpecErrors.index(at, i), "must be a non-empty key prefix");
        continue;
      }
      try {
        KeyTemplate.parse(item.textValue());
        prefixes.add(item.textValue());
      } catch (IllegalArgumentException e) {
        errors.add(SpecErrors.index(at, i), e.getMessage());
      }
    }
    return prefixes;
  }

  private static boolean isRelativePath(String path) {
    return !path.isEmpty()
        && !path.startsWith("/")
        && !List.of(path.split("/")).contains("..")
        && !path.contains("\0");
  }
}
