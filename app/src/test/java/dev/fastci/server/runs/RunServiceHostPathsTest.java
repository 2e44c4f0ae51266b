package dev.fastci.server.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fastci.client.PipelineClient;
import dev.fastci.secrets.SecretSource;
import dev.fastci.server.FastciProperties;
import dev.fastci.server.audit.AuditLog;
import dev.fastci.server.audit.AuditStore;
import dev.fastci.spec.InvalidSpecException;
import dev.fastci.spec.PipelineSpecParser;
import dev.fastci.spec.SpecError;
import dev.fastci.spec.SpecFormat;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's host path rule as RunService applies it to every submitted run. */
class RunServiceHostPathsTest {
  @TempDir Path temp;
  private final RunStore store = mock(RunStore.class);
  private final PipelineClient pipelines = mock(PipelineClient.class);

  private RunService service(List<String> allowedRoots) {
    FastciProperties properties = mock(FastciProperties.class);
    when(properties.volumes()).thenReturn(new FastciProperties.Volumes(allowedRoots));
    when(properties.dataDir()).thenReturn(java.nio.file.Path.of("data"));
    when(properties.notifications()).thenReturn(new FastciProperties.Notify(null));
    when(properties.worker()).thenReturn(new FastciProperties.Worker(true, null, null, null));
    return new RunService(
        store,
        mock(JobRowsStore.class),
        mock(RunViews.class),
        new SpecDocuments(new PipelineSpecParser(PipelineSpecParser.DEFAULT_MAX_JOBS)),
        pipelines,
        new ObjectMapper(),
        properties,
        starter(store, pipelines, properties),
        mock(ConcurrencyGroups.class),
        SecretSource.environment(),
        mock(dev.fastci.server.metrics.RunMeters.class),
        new AuditLog(mock(AuditStore.class)));
  }

  private String withVolume(String volume) {
    return "{\"name\":\"p\",\"jobs\":[{\"name\":\"a\",\"image\":\"busybox\",\"command\":\"true\","
        + "\"volumes\":[\""
        + volume
        + "\"]}]}";
  }

  @Test
  void withoutAllowedRootsNoHostPathIsAllowed() {
    RunService runs = service(List.of());

    assertThatThrownBy(
            () -> runs.submit(withVolume(temp + ":/x"), SpecFormat.JSON, Trigger.of("api")))
        .isInstanceOf(InvalidSpecException.class)
        .satisfies(
            e ->
                assertThat(((InvalidSpecException) e).errors())
                    .extracting(SpecError::toString)
                    .containsExactly(
                        "jobs[0].volumes[0]: "
                            + temp
                            + " is not under an allowed root (fastci.volumes.allowed-roots)"));
    verifyNoInteractions(store, pipelines);
  }

  @Test
  void withoutAllowedRootsNamedVolumesStillStart() {
    service(List.of()).submit(withVolume("cache:/cache"), SpecFormat.JSON, Trigger.of("api"));

    verify(pipelines).begin(any());
  }

  @Test
  void underAnAllowedRootTheRunStarts() {
    service(List.of(temp.toString()))
        .submit(withVolume(temp + "/out:/out"), SpecFormat.JSON, Trigger.of("api"));

    verify(pipelines).begin(any());
  }

  @Test
  void aRelativeAllowedRootIsAStartupError() {
    assertThatThrownBy(() -> service(List.of("relative")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fastci.volumes.allowed-roots: relative");
  }

  private static String inRepo(String repoUrl) {
    return "{\"name\":\"p\",\"repo_url\":\""
        + repoUrl
        + "\",\"commit_hash\":\"abcdef1\",\"jobs\":[{\"name\":\"a\",\"image\":\"busybox\","
        + "\"command\":\"true\"}]}";
  }

  @Test
  void aLocalRepoUrlOutsideTheAllowedRootsIsRefusedAtRepoUrl() {
    RunService runs = service(List.of(temp.resolve("root").toString()));

    assertThatThrownBy(
            () -> runs.submit(inRepo("/srv/other.git"), SpecFormat.JSON, Trigger.of("api")))
        .isInstanceOf(InvalidSpecException.class)
        .satisfies(
            e ->
                assertThat(((InvalidSpecException) e).errors())
                    .extracting(SpecError::toString)
                    .containsExactly(
                        "repo_url: /srv/other.git is not under an allowed root"
                            + " (fastci.volumes.allowed-roots)"));
    verifyNoInteractions(store, pipelines);
  }

  @Test
  void aLocalRepoUrlUnderAnAllowedRootAndARemoteOneStart() {
    RunService runs = service(List.of(temp.toString()));
    runs.submit(inRepo(temp + "/r.git"), SpecFormat.JSON, Trigger.of("api"));
    runs.submit(inRepo("https://example.org/r.git"), SpecFormat.JSON, Trigger.of("api"));

    verify(pipelines, org.mockito.Mockito.times(2)).begin(any());
  }

  @Test
  void thePushedRepositoryOfTheGitHookIsNotAHostPathToCheck() {
    service(List.of())
        .submit(
            inRepo("/srv/git/pushed.git"),
            SpecFormat.JSON,
            new Trigger("push", java.util.Map.of()));

    verify(pipelines).begin(any());
  }

  static RunStarter starter(RunStore store, PipelineClient pipelines, FastciProperties properties) {
    return new RunStarter(
        store,
        new SpecDocuments(new PipelineSpecParser(PipelineSpecParser.DEFAULT_MAX_JOBS)),
        pipelines,
        properties,
        new ObjectMapper());
  }
}
