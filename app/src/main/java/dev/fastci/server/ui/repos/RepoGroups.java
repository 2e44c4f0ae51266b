package dev.fastci.server.ui.repos;

import dev.fastci.server.repos.RepoRuns;
import dev.fastci.server.ui.Formats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A repository's branches and pull requests, each with the newest run of each of its pipelines:
 * what its page shows above the runs.
 */
final class RepoGroups {
  private RepoGroups() {}

  /** The newest run of one pipeline in a group. */
  record Cell(String pipeline, String runId, String status, String statusClass) {}

  /** A branch ({@code main}) or a pull request ({@code #7 Fix the build}), newest first. */
  record Group(String key, String label, String title, List<Cell> pipelines) {}

  /** The branches pushed to, from the repository's runs (newest first). */
  static List<Group> branches(List<RepoRuns.Line> newestFirst) {
    return group(newestFirst, true);
  }

  /** The pull requests, from the repository's runs (newest first). */
  static List<Group> pullRequests(List<RepoRuns.Line> newestFirst) {
    return group(newestFirst, false);
  }

  private static List<Group> group(List<RepoRuns.Line> lines, boolean pushes) {
    Map<String, String[]> labels = new LinkedHashMap<>();
    Map<String, Map<String, Cell>> cells = new LinkedHashMap<>();
    for (RepoRuns.Line line : lines) {
      boolean pullRequest = line.link().pullRequest() != null;
      if (pullRequest == pushes || (pushes && line.link().branch() == null)) {
        continue; // tags have no branch
      }
      String key = pullRequest ? "#" + line.link().pullRequest() : "branch:" + line.link().branch();
      labels.putIfAbsent(
          key,
          pullRequest
              ? new String[] {"#" + line.link().pullRequest(), line.link().prTitle()}
              : new String[] {line.link().branch(), null});
      cells
          .computeIfAbsent(key, k -> new LinkedHashMap<>())
          .putIfAbsent(
              line.run().name(),
              new Cell(
                  line.run().name(),
                  line.run().id(),
                  line.run().status().name(),
                  Formats.statusClass(line.run().status())));
    }
    List<Group> groups = new ArrayList<>();
    labels.forEach(
        (key, label) ->
            groups.add(new Group(key, label[0], label[1], List.copyOf(cells.get(key).values()))));
    return groups;
  }
}
