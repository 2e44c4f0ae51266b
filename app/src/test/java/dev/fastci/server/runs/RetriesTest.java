package dev.fastci.server.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fastci.contract.JobState;
import dev.fastci.contract.JobStatus;
import dev.fastci.spec.PipelineSpec;
import dev.fastci.spec.PipelineSpecParser;
import dev.fastci.spec.SpecFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which jobs a retry carries over: the retry-set rules, without a server. */
class RetriesTest {
  /** a → b → c, and d on its own. */
  private static final PipelineSpec SPEC =
      PipelineSpecParser.parse(
          ("{'name':'p','jobs':[{'name':'a','image':'i','command':'true'},"
                  + "{'name':'b','image':'i','command':'true'},"
                  + "{'name':'c','image':'i','command':'true'},"
                  + "{'name':'d','image':'i','command':'true'}],"
                  + "'parents':{'b':['a'],'c':['b']}}")
              .replace('\'', '"'),
          SpecFormat.JSON);

  private static JobState job(String name, JobStatus status) {
    return new JobState(name, status, null, 1, 1L, 2L, List.of(), null, "h");
  }

  private static final List<JobState> LAST =
      List.of(
          job("a", JobStatus.SUCCEEDED),
          job("b", JobStatus.FAILED),
          job("c", JobStatus.SKIPPED),
          job("d", JobStatus.SUCCEEDED));

  @Test
  void aRunRetryCarriesOverOnlyTheJobsThatSucceeded() {
    assertThat(Retries.carriedByRunRetry(LAST))
        .extracting(JobState::name)
        .containsExactly("a", "d");
  }

  @Test
  void aJobRetryRunsThatJobAndItsDescendantsAgainAndKeepsEveryOtherJob() {
    assertThat(Retries.carriedByJobRetry(SPEC, LAST, "b"))
        .extracting(JobState::name)
        .containsExactly("a", "d");
    assertThat(Retries.carriedByJobRetry(SPEC, LAST, "a"))
        .as("even a succeeded job runs again when asked")
        .extracting(JobState::name)
        .containsExactly("d");
  }
}
