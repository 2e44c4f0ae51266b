package dev.fastci.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fastci.contract.JobStatus;
import dev.fastci.contract.PipelineRun;
import dev.fastci.contract.PipelineStatus;
import dev.fastci.spec.JobSpec;
import dev.fastci.spec.PipelineSpecParser;
import dev.fastci.spec.SpecFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code when.status} and condition skips in the DAG rules: build → test → deploy (when branch
 * main), and notify (status failure) and cleanup (status always) after test.
 */
class ConditionsProgressTest {
  private static final String SPEC =
      "{'name':'p','jobs':[{'name':'build','image':'i','command':'true'},"
          + "{'name':'test','image':'i','command':'true'},"
          + "{'name':'deploy','image':'i','command':'true','when':{'branch':'main'}},"
          + "{'name':'after-deploy','image':'i','command':'true'},"
          + "{'name':'notify','image':'i','command':'true','when':{'status':'failure'}},"
          + "{'name':'cleanup','image':'i','command':'true','when':{'status':'always'}}],"
          + "'parents':{'test':['build'],'deploy':['test'],'after-deploy':['deploy'],"
          + "'notify':['test'],'cleanup':['test']}}";

  private static PipelineProgress progress(Map<String, String> skips) {
    return new PipelineProgress(
        new PipelineRun(
                "r",
                PipelineSpecParser.parse(SPEC.replace('\'', '"'), SpecFormat.JSON),
                1,
                List.of(),
                null,
                false)
            .withConditionSkips(skips),
        true,
        5);
  }

  private static void end(PipelineProgress progress, String job, JobStatus status) {
    progress.markRunning(job, 1);
    progress.markFinished(job, status, 0, null, "h", 2);
  }

  private static List<String> ready(PipelineProgress progress) {
    return progress.readyJobs().stream().map(JobSpec::name).toList();
  }

  @Test
  void aJobSkippedByItsConditionSkipsItsDescendantsAndTheRunStillSucceeds() {
    PipelineProgress progress =
        progress(Map.of("deploy", "when.branch: feature/x does not match main"));

    assertThat(progress.snapshotOf("deploy").skipReason())
        .isEqualTo("when.branch: feature/x does not match main");
    assertThat(progress.statusOf("after-deploy")).isEqualTo(JobStatus.SKIPPED);
    assertThat(progress.snapshotOf("after-deploy").skipReason())
        .isEqualTo("parent deploy was skipped");
    end(progress, "build", JobStatus.SUCCEEDED);
    end(progress, "test", JobStatus.SUCCEEDED);
    assertThat(ready(progress)).containsExactly("cleanup");
    assertThat(progress.statusOf("notify")).isEqualTo(JobStatus.SKIPPED);
    assertThat(progress.snapshotOf("notify").skipReason())
        .isEqualTo("when.status: failure, and no parent failed");
    end(progress, "cleanup", JobStatus.SUCCEEDED);
    progress.finish(9);

    assertThat(progress.snapshot().status()).isEqualTo(PipelineStatus.SUCCEEDED);
  }

  @Test
  void aFailureStartsTheFailureAndAlwaysJobsAndTheRunStaysFailed() {
    PipelineProgress progress = progress(Map.of());
    end(progress, "build", JobStatus.SUCCEEDED);
    end(progress, "test", JobStatus.FAILED);

    assertThat(progress.statusOf("deploy")).isEqualTo(JobStatus.SKIPPED);
    assertThat(progress.snapshotOf("deploy").skipReason()).isEqualTo("parent test ended FAILED");
    assertThat(ready(progress)).containsExactly("notify", "cleanup");
    end(progress, "notify", JobStatus.SUCCEEDED);
    end(progress, "cleanup", JobStatus.SUCCEEDED);
    progress.finish(9);

    assertThat(progress.snapshot().status()).isEqualTo(PipelineStatus.FAILED);
  }

  @Test
  void aJobWaitingForAllItsParentsDoesNotStartWhileOneRuns() {
    PipelineProgress progress = progress(Map.of());
    end(progress, "build", JobStatus.FAILED);

    assertThat(progress.statusOf("test")).isEqualTo(JobStatus.SKIPPED);
    assertThat(ready(progress))
        .as("test was skipped because of a failure: notify runs, so does cleanup")
        .containsExactly("notify", "cleanup");
  }

  @Test
  void withoutConditionsAnOlderExecutionKeepsTheOldRules() {
    PipelineProgress progress =
        new PipelineProgress(
            new PipelineRun(
                    "r",
                    PipelineSpecParser.parse(SPEC.replace('\'', '"'), SpecFormat.JSON),
                    1,
                    List.of(),
                    null,
                    false)
                .withConditionSkips(Map.of("deploy", "when.branch: x")),
            false,
            5);
    end(progress, "build", JobStatus.SUCCEEDED);
    end(progress, "test", JobStatus.FAILED);

    assertThat(progress.statusOf("notify")).isEqualTo(JobStatus.SKIPPED);
    assertThat(progress.statusOf("cleanup")).isEqualTo(JobStatus.SKIPPED);
  }
}
