package dev.fastci.backend.dummy;

import dev.fastci.backend.ContainerSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the dummy backend was asked and did, for tests: every call in order, the containers made and
 * still there, how each ran, and every call that came out of order.
 */
public final class DummyJournal {
  /** One container's life, in epoch milliseconds. */
  public record Run(String name, long startedAt, long endedAt, int exitCode) {}

  private final List<String> calls = new ArrayList<>();
  private final List<String> violations = new ArrayList<>();
  private final List<Run> runs = new ArrayList<>();
  private final Map<String, Integer> creations = new LinkedHashMap<>();
  private final Map<String, ContainerSpec> created = new LinkedHashMap<>();
  private final Set<String> existing = new LinkedHashSet<>();

  synchronized void call(String operation, String subject) {
    calls.add(operation + " " + subject);
  }

  synchronized void violation(String message) {
    violations.add(message);
  }

  synchronized void created(ContainerSpec spec) {
    creations.merge(spec.name(), 1, Integer::sum);
    created.put(spec.name(), spec);
    existing.add(spec.name());
  }

  synchronized void ended(Run run) {
    runs.add(run);
  }

  synchronized void removed(String name) {
    existing.remove(name);
  }

  /** Every call, in order, as {@code operation subject} (a container's name, or a run's id). */
  public synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  /** The calls that came out of order; each also threw an IllegalStateException. */
  public synchronized List<String> violations() {
    return List.copyOf(violations);
  }

  /** Containers created and not yet removed. */
  public synchronized List<String> existing() {
    return List.copyOf(existing);
  }

  /** How many containers were created under the name ending with {@code -suffix}. */
  public synchronized int createdCount(String suffix) {
    return creations.entrySet().stream()
        .filter(e -> e.getKey().endsWith("-" + suffix))
        .mapToInt(Map.Entry::getValue)
        .sum();
  }

  /** The spec of the container created under the name ending with {@code -suffix}. */
  public synchronized ContainerSpec createdSpec(String suffix) {
    return created.entrySet().stream()
        .filter(e -> e.getKey().endsWith("-" + suffix))
        .map(Map.Entry::getValue)
        .reduce((first, last) -> last)
        .orElseThrow(() -> new AssertionError("no container created for " + suffix));
  }

  /** The containers that ran to their end (or were killed), in the order they ended. */
  public synchronized List<Run> finishedRuns() {
    return List.copyOf(runs);
  }

  /** The first container whose name ends with {@code -suffix} that ended. */
  public synchronized Run run(String suffix) {
    return runs.stream()
        .filter(r -> r.name().endsWith("-" + suffix))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no finished container for " + suffix));
  }
}
