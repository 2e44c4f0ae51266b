package dev.fastci.server.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.fastci.server.FastciProperties;
import dev.fastci.server.commits.CommitPipelines;
import dev.fastci.server.commits.PipelineFiles;
import dev.fastci.server.repos.ForgeKind;
import dev.fastci.server.repos.Repo;
import dev.fastci.server.repos.RepoRuns;
import dev.fastci.server.repos.Repos;
import dev.fastci.server.runs.RunService;
import dev.fastci.server.runs.SpecDocuments;
import dev.fastci.server.schedules.RepoSchedules;
import dev.fastci.spec.PipelineSpecParser;
import dev.fastci.spec.SpecError;
import dev.fastci.spec.SpecFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whoever can push writes the pipeline files: a push may mount no host path unless its repository
 * is one of {@code fastci.git.trusted-repos}.
 */
class PushPipelinesHostPathsTest {
  private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

  @TempDir Path temp;
  private final PipelineFiles files = mock(PipelineFiles.class);
  private final RunService runs = mock(RunService.class);
  private final Repos repos = mock(Repos.class);

  private PushPipelines pipelines(List<String> trustedRepos) {
    FastciProperties properties = mock(FastciProperties.class);
    when(properties.git()).thenReturn(new FastciProperties.Git(trustedRepos));
    return new PushPipelines(
        files,
        new CommitPipelines(
            new SpecDocuments(new PipelineSpecParser(PipelineSpecParser.DEFAULT_MAX_JOBS))),
        runs,
        repos,
        mock(RepoRuns.class),
        properties,
        mock(RepoSchedules.class));
  }

  private void repoHolds(String repo, String... pipelineFiles) {
    List<PipelineFiles.PipelineFile> list = new java.util.ArrayList<>();
    for (int i = 0; i < pipelineFiles.length; i += 2) {
      list.add(new PipelineFiles.PipelineFile(pipelineFiles[i], pipelineFiles[i + 1]));
    }
    when(files.at(repo, COMMIT)).thenReturn(list);
  }

  private static GitPush push(String repo) {
    return new GitPush(repo, "0".repeat(40), COMMIT, "refs/heads/main");
  }

  private static String pipeline(String name, String extraJobFields, String extraFields) {
    return "{\"name\":\""
        + name
        + "\","
        + extraFields
        + "\"jobs\":[{\"name\":\"a\",\"image\":\"busybox\",\"command\":\"true\""
        + extraJobFields
        + "}]}";
  }

  @Test
  void untrustedRepoPipelineWithAHostPathIsReportedAndNotStarted() throws Exception {
    Path repo = Files.createDirectories(temp.resolve("origin.git"));
    repoHolds(
        repo.toString(),
        ".fastci/mounts.json",
        pipeline("mounts", ",\"volumes\":[\"/srv/data:/data\",\"cache:/cache\"]", ""),
        ".fastci/workdir.json",
        pipeline("workdir", "", "\"bind_workdir_from_host\":\"/srv/work\","),
        ".fastci/plain.json",
        pipeline("plain", ",\"volumes\":[\"cache:/cache\"]", ""));
    when(runs.submit(anyString(), any(), any(), any())).thenReturn("run-plain");

    CommitPipelines.Started started = pipelines(List.of()).start(push(repo.toString()));

    assertThat(started.pipelines()).containsExactly("run-plain");
    assertThat(started.errors()).containsOnlyKeys(".fastci/mounts.json", ".fastci/workdir.json");
    assertThat(started.errors().get(".fastci/mounts.json"))
        .extracting(SpecError::toString)
        .containsExactly(
            "jobs[0].volumes[0]: /srv/data: a pipeline started by a push may use host paths only"
                + " when its repo is in fastci.git.trusted-repos or registered as trusted");
    assertThat(started.errors().get(".fastci/workdir.json"))
        .extracting(SpecError::path)
        .containsExactly("bind_workdir_from_host");
    verify(runs).submit(contains("\"plain\""), eq(SpecFormat.JSON), any(), any());
    verify(runs, never()).submit(contains("\"mounts\""), any(), any(), any());
    verify(runs, never()).submit(contains("\"workdir\""), any(), any(), any());
  }

  @Test
  void trustedRepoPipelineWithAHostPathIsStarted() throws Exception {
    Path repo = Files.createDirectories(temp.resolve("trusted.git"));
    repoHolds(
        repo.toString(),
        ".fastci/mounts.json",
        pipeline("mounts", ",\"volumes\":[\"" + temp + "/data:/data\"]", ""));
    when(runs.submit(anyString(), any(), any(), any())).thenReturn("run-mounts");

    CommitPipelines.Started started =
        pipelines(List.of(repo.toString())).start(push(repo.toString()));

    assertThat(started.errors()).isEmpty();
    assertThat(started.pipelines()).containsExactly("run-mounts");
    verify(runs).submit(contains("\"mounts\""), eq(SpecFormat.JSON), any(), any());
  }

  @Test
  void aRepositoryRegisteredAsTrustedMayMountAndItsRunsAreRecordedForItsPage() throws Exception {
    Path repo = Files.createDirectories(temp.resolve("registered.git"));
    repoHolds(
        repo.toString(),
        ".fastci/mounts.json",
        pipeline("mounts", ",\"volumes\":[\"" + temp + "/data:/data\"]", ""));
    when(runs.submit(anyString(), any(), any(), any())).thenReturn("run-registered");
    when(repos.find(ForgeKind.GIT, repo.toString()))
        .thenReturn(
            Optional.of(
                new Repo(
                    7,
                    ForgeKind.GIT,
                    repo.toString(),
                    repo.toString(),
                    null,
                    null,
                    null,
                    "main",
                    true,
                    true,
                    Instant.now())));
    RepoRuns recorded = mock(RepoRuns.class);
    FastciProperties properties = mock(FastciProperties.class);
    when(properties.git()).thenReturn(new FastciProperties.Git(List.of()));
    PushPipelines pipelines =
        new PushPipelines(
            files,
            new CommitPipelines(
                new SpecDocuments(new PipelineSpecParser(PipelineSpecParser.DEFAULT_MAX_JOBS))),
            runs,
            repos,
            recorded,
            properties,
            mock(RepoSchedules.class));

    CommitPipelines.Started started = pipelines.start(push(repo.toString()));

    assertThat(started.pipelines()).containsExactly("run-registered");
    verify(recorded)
        .record(
            org.mockito.ArgumentMatchers.argThat(
                run ->
                    run.runId().equals("run-registered")
                        && run.repoId() == 7
                        && run.event().equals("push")
                        && run.branch().equals("main")));
  }

  @Test
  void trustedRepoMatchesBySameDirectoryToo() throws Exception {
    Path repo = Files.createDirectories(temp.resolve("real.git"));
    Path link = Files.createSymbolicLink(temp.resolve("link.git"), repo);
    PushPipelines byLink = pipelines(List.of(link + "/"));

    assertThat(byLink.trusted(repo.toString())).isTrue();
    assertThat(byLink.trusted(temp.resolve("sub/../real.git").toString())).isTrue();
    assertThat(byLink.trusted(temp.resolve("other.git").toString())).isFalse();
    assertThat(pipelines(List.of("https://example.org/r.git")).trusted("https://example.org/r.git"))
        .isTrue();
    assertThat(pipelines(List.of()).trusted(repo.toString())).isFalse();
  }
}
