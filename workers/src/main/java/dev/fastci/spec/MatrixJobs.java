package dev.fastci.spec;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The instances of a matrix job: their names and their variables. Their fields are filled in by
 * {@link JobTemplates}.
 */
final class MatrixJobs {
  private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]");
  private static final int MAX_NAME = 100;

  private MatrixJobs() {}

  /**
   * The instance's job name: {@code test.jdk-17.os-a}, characters outside {@code A-Z a-z 0-9 . _ -}
   * replaced by {@code _}; {@code test.N} (N from 1) when that would be too long.
   */
  static String instanceName(String group, Map<String, String> values, int index) {
    StringBuilder name = new StringBuilder(group);
    values.forEach(
        (key, value) ->
            name.append('.').append(key).append('-').append(UNSAFE.matcher(value).replaceAll("_")));
    return name.length() <= MAX_NAME ? name.toString() : group + "." + (index + 1);
  }

  /** The variables an instance gets: {@code MATRIX_JDK=17}. */
  static void addEnv(Map<String, String> env, Map<String, String> values) {
    values.forEach(
        (key, value) -> env.putIfAbsent("MATRIX_" + key.toUpperCase(Locale.ROOT), value));
  }
}
