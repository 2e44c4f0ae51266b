package dev.fastci.spec;

import java.util.List;
import java.util.Map;

/**
 * One validated job of a pipeline: a container of {@code image} running {@code command}.
 *
 * @param command the argv, already split from the spec's string form
 * @param volumes Docker {@code -v} bindings, {@code host:container[:ro|rw]}
 * @param timeoutSecs the job's time limit, or null for none
 */
public record JobSpec(
    String name,
    String image,
    List<String> command,
    List<String> volumes,
    Double timeoutSecs,
    Map<String, String> env) {

  public JobSpec {
    command = List.copyOf(command);
    volumes = volumes == null ? List.of() : List.copyOf(volumes);
    env = env == null ? Map.of() : Map.copyOf(env);
  }
}
