package dev.fastci.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks {@code parents}: every edge names known jobs, and the edges form no cycle. */
final class DagValidator {
  private static final String PATH = "parents";

  private DagValidator() {}

  /**
   * @param jobs the job names in input order, or null when the jobs are unusable; then only the
   *     shape of {@code parents} is checked
   * @return each child's de-duplicated parents, in input order; children without parents are left
   *     out
   */
  static Map<String, List<String>> validate(
      JsonNode parents, List<String> jobs, Map<String, List<String>> groups, SpecErrors errors) {
    Map<String, List<String>> named = validate(parents, jobs, errors, groups.keySet());
    if (groups.isEmpty()) {
      return named;
    }
    // A matrix job's name stands for all its instances, as a parent and as a child.
    Map<String, List<String>> expanded = new LinkedHashMap<>();
    named.forEach(
        (child, list) -> {
          List<String> all =
              list.stream().flatMap(p -> groups.getOrDefault(p, List.of(p)).stream()).toList();
          for (String instance : groups.getOrDefault(child, List.of(child))) {
            Set<String> merged = new LinkedHashSet<>(expanded.getOrDefault(instance, List.of()));
            merged.addAll(all);
            expanded.put(instance, List.copyOf(merged));
          }
        });
    List<String> instances =
        jobs == null ? null : jobs.stream().filter(j -> !groups.containsKey(j)).toList();
    if (instances != null && errors.isEmpty()) {
      List<String> cycle = findCycle(instances, expanded);
      if (!cycle.isEmpty()) {
        errors.add(PATH, "cycle " + String.join(" -> ", cycle));
      }
    }
    return expanded;
  }

  private static Map<String, List<String>> validate(
      JsonNode parents, List<String> jobs, SpecErrors errors, Set<String> groups) {
    Map<String, List<String>> edges = new LinkedHashMap<>();
    if (parents == null || parents.isNull()) {
      return edges;
    }
    if (!parents.isObject()) {
      errors.add(PATH, "must be an object");
      return edges;
    }
    Set<String> known = jobs == null ? null : new HashSet<>(jobs);
    int before = errors.size();
    for (Map.Entry<String, JsonNode> entry : parents.properties()) {
      String child = entry.getKey();
      String at = SpecErrors.key(PATH, child);
      if (known != null && !known.contains(child)) {
        errors.add(at, "unknown job " + SpecErrors.quote(child));
        continue;
      }
      List<String> list = parentsOf(child, entry.getValue(), at, known, errors);
      if (!list.isEmpty()) {
        edges.put(child, list);
      }
    }
    if (jobs != null && groups.isEmpty() && errors.size() == before) {
      List<String> cycle = findCycle(jobs, edges);
      if (!cycle.isEmpty()) {
        errors.add(PATH, "cycle " + String.join(" -> ", cycle));
      }
    }
    return edges;
  }

  private static List<String> parentsOf(
      String child, JsonNode value, String at, Set<String> known, SpecErrors errors) {
    Set<String> result = new LinkedHashSet<>();
    if (!value.isArray() || !allTextual(value)) {
      errors.add(at, "must be a list of job names");
      return List.of();
    }
    boolean selfReported = false;
    for (JsonNode item : value) {
      String parent = item.textValue();
      if (parent.equals(child)) {
        if (!selfReported) {
          errors.add(at, "a job cannot be its own parent");
          selfReported = true;
        }
      } else if (known != null && !known.contains(parent)) {
        errors.add(at, "unknown job " + SpecErrors.quote(parent));
      } else {
        result.add(parent);
      }
    }
    return List.copyOf(result);
  }

  private static boolean allTextual(JsonNode array) {
    for (JsonNode item : array) {
      if (!item.isTextual()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns one cycle as {@code a -> b -> a} in run order (each job is a parent of the next),
   * starting at its job listed first, or an empty list when the edges form a DAG.
   */
  static List<String> findCycle(List<String> jobs, Map<String, List<String>> edges) {
    // Peel off jobs whose parents are all peeled (Kahn); what remains lies on or behind a cycle.
    Map<String, Integer> waitingFor = new HashMap<>();
    Map<String, List<String>> children = new HashMap<>();
    for (String job : jobs) {
      List<String> parents = edges.getOrDefault(job, List.of());
      waitingFor.put(job, parents.size());
      for (String parent : parents) {
        children.computeIfAbsent(parent, k -> new ArrayList<>()).add(job);
      }
    }
    List<String> ready = new ArrayList<>();
    waitingFor.forEach(
        (job, count) -> {
          if (count == 0) {
            ready.add(job);
          }
        });
    Set<String> peeled = new HashSet<>();
    while (!ready.isEmpty()) {
      String job = ready.remove(ready.size() - 1);
      peeled.add(job);
      for (String child : children.getOrDefault(job, List.of())) {
        if (waitingFor.merge(child, -1, Integer::sum) == 0) {
          ready.add(child);
        }
      }
    }
    String start = jobs.stream().filter(job -> !peeled.contains(job)).findFirst().orElse(null);
    if (start == null) {
      return List.of();
    }
    // Every remaining job has a remaining parent: walk up until a job repeats.
    List<String> walk = new ArrayList<>();
    Map<String, Integer> seenAt = new HashMap<>();
    String job = start;
    while (!seenAt.containsKey(job)) {
      seenAt.put(job, walk.size());
      walk.add(job);
      job = edges.get(job).stream().filter(p -> !peeled.contains(p)).findFirst().orElseThrow();
    }
    List<String> cycle = new ArrayList<>(walk.subList(seenAt.get(job), walk.size()));
    Collections.reverse(cycle); // child -> parent becomes parent -> child
    int first = 0;
    for (int i = 1; i < cycle.size(); i++) {
      if (jobs.indexOf(cycle.get(i)) < jobs.indexOf(cycle.get(first))) {
        first = i;
      }
    }
    Collections.rotate(cycle, -first);
    cycle.add(cycle.get(0));
    return cycle;
  }
}
