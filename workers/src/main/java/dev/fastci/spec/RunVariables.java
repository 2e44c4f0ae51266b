package dev.fastci.spec;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a run's templates are filled with: the parameters given with it and its git facts ({@code {{
 * params.NAME }}}, {@code {{ git.branch }}}, {@code {{ git.commit }}}, {@code {{ git.base_branch
 * }}}).
 *
 * @param params the values given with the run, by parameter name (a parameter not given takes its
 *     default)
 * @param forRun true when a run starts with these values: then every parameter without a default
 *     must be given; false to check a spec alone ({@code fastci validate}, the New run page)
 */
public record RunVariables(
    Map<String, String> params, String branch, String commit, String baseBranch, boolean forRun) {

  public RunVariables {
    params =
        params == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(params));
  }

  /** For checking a spec alone: parameters take their defaults, git variables are empty. */
  public static RunVariables none() {
    return new RunVariables(Map.of(), null, null, null, false);
  }

  /** A run started with these parameters and this branch. */
  public static RunVariables of(Map<String, String> params, String branch) {
    return new RunVariables(params, branch, null, null, true);
  }
}
