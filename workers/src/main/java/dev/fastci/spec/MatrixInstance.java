package dev.fastci.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One combination of a matrix job.
 *
 * @param group the matrix job's own name, which parent references use for all its instances
 * @param values the combination, in the matrix's key order
 */
public record MatrixInstance(String group, Map<String, String> values) {
  public MatrixInstance {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** What the UI shows: {@code test (jdk=17, os=a)}. */
  public String displayName() {
    return group
        + " ("
        + values.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(", "))
        + ")";
  }
}
