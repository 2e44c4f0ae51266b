package dev.fastci.server.runs;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What started a run: {@code api} (a plain API call), {@code manual} (the web UI), {@code cli}
 * ({@code fastci run --server}) or {@code push} (the git hook, with repo, ref, before, after).
 */
public record Trigger(String type, Map<String, String> details) {

  public static Trigger of(String type) {
    return new Trigger(type, Map.of());
  }

  public Map<String, String> asMap() {
    Map<String, String> map = new LinkedHashMap<>();
    map.put("type", type);
    map.putAll(details);
    return map;
  }
}
