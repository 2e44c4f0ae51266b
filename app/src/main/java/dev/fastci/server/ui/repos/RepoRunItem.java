package dev.fastci.server.ui.repos;

import dev.fastci.server.repos.RepoRuns;
import dev.fastci.server.ui.Formats;
import java.time.Instant;

/** One run on a repository's page: its pipeline, status, what started it and when. */
record RepoRunItem(
    String id,
    String name,
    String status,
    String statusClass,
    String event,
    String commit,
    String started,
    String duration) {

  static RepoRunItem of(RepoRuns.Line line, Instant now) {
    String sha = line.link().commitSha();
    String event =
        line.link().pullRequest() != null
            ? "pull request #" + line.link().pullRequest()
            : line.link().event()
                + (line.link().branch() == null ? "" : " " + line.link().branch());
    return new RepoRunItem(
        line.run().id(),
        line.run().name(),
        line.run().status().name(),
        Formats.statusClass(line.run().status()),
        event,
        sha.length() > 7 ? sha.substring(0, 7) : sha,
        Formats.time(
            line.run().startedAt() != null ? line.run().startedAt() : line.run().createdAt()),
        Formats.duration(line.run().startedAt(), line.run().finishedAt(), now));
  }
}
