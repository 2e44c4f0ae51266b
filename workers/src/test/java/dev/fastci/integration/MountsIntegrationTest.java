package dev.fastci.integration;

import static dev.fastci.integration.NothingLeftBehind.assertNoContainersOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fastci.contract.JobStatus;
import dev.fastci.contract.PipelineState;
import dev.fastci.contract.PipelineStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What jobs see of the host: the shared pipeline dir, the bound workdir and volumes. */
class MountsIntegrationTest extends EngineIntegrationTest {

  @Test
  void jobsShareThePipelineDirWhichIsRemovedAtTheEnd() {
    PipelineState state =
        engine.run(
            """
            {"name": "shared-dir",
             "setup_pipeline_dir": true,
             "jobs": [
               {"name": "write", "image": "busybox:latest",
                "command": ["sh", "-c", "echo from-write > /fastci/pipeline/x"]},
               {"name": "read", "image": "busybox:latest", "command": "cat /fastci/pipeline/x"}
             ],
             "parents": {"read": ["write"]}}
            """);

    assertThat(state.status()).as("%s", state).isEqualTo(PipelineStatus.SUCCEEDED);
    assertThat(engine.logText(state.runId(), "read")).isEqualTo("from-write\n");
    assertThat(engine.dataDir().resolve("pipelines").resolve(state.runId())).doesNotExist();
    assertNoContainersOf(state.runId());
  }

  @Test
  void boundWorkdirIsTheWorkingDirectoryAndWritesReachTheHost(@TempDir Path workdir)
      throws Exception {
    Files.writeString(workdir.resolve("file"), "from-host\n");

    PipelineState state =
        engine.run(
            """
            {"name": "workdir",
             "bind_workdir_from_host": "%s",
             "jobs": [
               {"name": "read", "image": "busybox:latest", "command": "cat file"},
               {"name": "write", "image": "busybox:latest",
                "command": ["sh", "-c", "pwd > written"]}
             ]}
            """
                .formatted(workdir));

    assertThat(state.status()).as("%s", state).isEqualTo(PipelineStatus.SUCCEEDED);
    assertThat(engine.logText(state.runId(), "read")).isEqualTo("from-host\n");
    assertThat(workdir.resolve("written")).hasContent("/fastci/workdir");
    assertNoContainersOf(state.runId());
  }

  @Test
  void readOnlyVolumeCanBeReadButNotWritten(@TempDir Path data) throws Exception {
    Files.writeString(data.resolve("in.txt"), "read-me\n");

    PipelineState state =
        engine.run(
            """
            {"name": "volumes",
             "jobs": [
               {"name": "read", "image": "busybox:latest", "command": "cat /data/in.txt",
                "volumes": ["%1$s:/data:ro"]},
               {"name": "write", "image": "busybox:latest",
                "command": ["sh", "-c", "echo nope > /data/out.txt"],
                "volumes": ["%1$s:/data:ro"]}
             ]}
            """
                .formatted(data));

    assertThat(state.job("read").status()).as("%s", state).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(engine.logText(state.runId(), "read")).isEqualTo("read-me\n");
    assertThat(state.job("write").status()).as("%s", state).isEqualTo(JobStatus.FAILED);
    assertThat(state.job("write").exitCode()).isNotZero();
    assertThat(engine.logText(state.runId(), "write")).containsIgnoringCase("read-only");
    assertThat(data.resolve("out.txt")).doesNotExist();
    assertNoContainersOf(state.runId());
  }
}
