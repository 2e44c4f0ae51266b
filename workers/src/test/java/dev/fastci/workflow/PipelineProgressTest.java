package dev.fastci.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fastci.contract.JobState;
import dev.fastci.contract.JobStatus;
import dev.fastci.contract.PipelineRun;
import dev.fastci.contract.PipelineStatus;
import dev.fastci.spec.JobSpec;
import dev.fastci.spec.PipelineSpecParser;
import dev.fastci.spec.SpecFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The DAG rules of a run, without Temporal: readiness, skips, and the run's final status. */
class PipelineProgressTest {
  /** a → b → c, and d on its own. */
  private static PipelineProgress progress(JobState... carried) {
    return new PipelineProgress(
        new PipelineRun(
            "r",
            PipelineSpecParser.parse(
                ("{'name':'p','jobs':[{'name':'a','image':'i','command':'true'},"
                        + "{'name':'b','image':'i','command':'true'},"
                        + "{'name':'c','image':'i','command':'true'},"
                        + "{'name':'d','image':'i','command':'true'}],"
                        + "'parents':{'b':['a'],'c':['b']}}")
                    .replace('\'', '"'),
                SpecFormat.JSON),
            2,
            List.of(carried),
            null,
            false),
        true,
        0);
  }

  private static List<String> ready(PipelineProgress progress) {
    return progress.readyJobs().stream().map(JobSpec::name).toList();
  }

  @Test
  void onlyJobsWhoseParentsAllSucceededAreReadyInSpecOrder() {
    PipelineProgress progress = progress();
    assertThat(ready(progress)).containsExactly("a", "d");

    progress.markRunning("a", 1);
    progress.markFinished("a", JobStatus.SUCCEEDED, 0, null, "h", 2);

    assertThat(ready(progress)).containsExactly("b", "d");
  }

  @Test
  void aFailedJobSkipsAllItsDescendantsAndFailsTheRun() {
    PipelineProgress progress = progress();
    progress.markRunning("a", 1);
    progress.markFinished("a", JobStatus.FAILED, 1, null, "h", 2);
    progress.markRunning("d", 1);
    progress.markFinished("d", JobStatus.SUCCEEDED, 0, null, "h", 2);
    progress.finish(3);

    assertThat(progress.statusOf("b")).isEqualTo(JobStatus.SKIPPED);
    assertThat(progress.statusOf("c")).isEqualTo(JobStatus.SKIPPED);
    assertThat(progress.snapshot().status()).isEqualTo(PipelineStatus.FAILED);
  }

  @Test
  void aRunWhoseOnlyMissesWereCancellationsIsCancelled() {
    PipelineProgress progress = progress();
    progress.cancelPending("a", 1);
    progress.markRunning("d", 1);
    progress.markFinished("d", JobStatus.SUCCEEDED, 0, null, "h", 2);
    progress.finish(3);

    assertThat(progress.statusOf("c")).isEqualTo(JobStatus.SKIPPED);
    assertThat(progress.snapshot().status()).isEqualTo(PipelineStatus.CANCELLED);
  }

  @Test
  void carriedOverJobsKeepTheirStateAndAreNotReadyAgain() {
    JobState a = new JobState("a", JobStatus.SUCCEEDED, 0, 1, 1L, 2L, List.of(), null, "h");
    PipelineProgress progress = progress(a);

    assertThat(ready(progress)).containsExactly("b", "d");
    assertThat(progress.snapshotOf("a").attempt()).as("its own attempt").isEqualTo(1);
    progress.markRunning("b", 3);
    assertThat(progress.snapshotOf("b").attempt()).as("this execution's attempt").isEqualTo(2);
  }

  @Test
  void aRequeuedJobIsPendingAndReadyAgain() {
    PipelineProgress progress = progress();
    progress.markRunning("a", 1);
    progress.requeue("a");

    assertThat(progress.statusOf("a")).isEqualTo(JobStatus.PENDING);
    assertThat(ready(progress)).contains("a");
    assertThat(progress.anyRunning()).isFalse();
  }

  @Test
  void aRunThatCouldNotSetUpFailsWithEveryJobSkipped() {
    PipelineProgress progress = progress();
    progress.failSetup("no host", 5);
    progress.finish(6);

    assertThat(progress.snapshot().status()).isEqualTo(PipelineStatus.FAILED);
    assertThat(progress.snapshot().error()).isEqualTo("no host");
    assertThat(progress.snapshot().jobs())
        .extracting(JobState::status)
        .containsOnly(JobStatus.SKIPPED);
  }
}
