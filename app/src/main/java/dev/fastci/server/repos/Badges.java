package dev.fastci.server.repos;

import dev.fastci.contract.PipelineStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A repository's badge: the newest run of each pipeline on its default branch, in one word.
 * "passing" when all succeeded, "failing" when one failed, "running" while one has not ended.
 */
final class Badges {
  private Badges() {}

  record Badge(String text, String colour) {}

  static Badge of(Repo repo, List<RepoRuns.Line> newestFirst) {
    Map<String, PipelineStatus> newest = new LinkedHashMap<>();
    for (RepoRuns.Line line : newestFirst) {
      if (line.link().pullRequest() == null && repo.defaultBranch().equals(line.link().branch())) {
        newest.putIfAbsent(line.run().name(), line.run().status());
      }
    }
    if (newest.isEmpty()) {
      return new Badge("no runs", "#9ca3af");
    }
    if (newest.containsValue(PipelineStatus.FAILED)) {
      return new Badge("failing", "#dc2626");
    }
    if (newest.values().stream().anyMatch(s -> !s.isFinal())) {
      return new Badge("running", "#d97706");
    }
    if (newest.containsValue(PipelineStatus.CANCELLED)) {
      return new Badge("cancelled", "#6b7280");
    }
    return new Badge("passing", "#16a34a");
  }

  /** A flat badge: "fastci" on grey, the word on its colour. */
  static String svg(Badge badge) {
    return dev.fastci.server.badges.Badge.svg("fastci", badge.text(), badge.colour());
  }
}
