package dev.fastci.server.runs;

import java.util.LinkedHashMap;
import java.util.Map;

/** The parameters given with a run: {@code param.NAME=VALUE} query or form fields. */
public final class RunParameters {
  public static final String PREFIX = "param.";

  private RunParameters() {}

  /** The {@code param.NAME} entries of a query or form, by {@code NAME}. */
  public static Map<String, String> fromQuery(Map<String, String> query) {
    Map<String, String> params = new LinkedHashMap<>();
    query.forEach(
        (key, value) -> {
          if (key.startsWith(PREFIX) && key.length() > PREFIX.length()) {
            params.put(key.substring(PREFIX.length()), value);
          }
        });
    return params;
  }
}
