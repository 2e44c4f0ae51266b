package dev.fastci.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fastci.contract.JobOutcome;
import dev.fastci.contract.JobState;
import dev.fastci.contract.JobTry;
import org.junit.jupiter.api.Test;

/** A run's detail from the server read as the state the command follows. */
class RemoteRunSourceTest {

  @Test
  void theTriesThatEndedOfAJobWithRetryAreItsStatesTries() throws Exception {
    String detail =
        """
        {"id": "r1", "name": "p", "status": "RUNNING", "attempt": 1, "jobs": [
          {"name": "test", "status": "RUNNING", "attempt": 1, "parents": [], "maxTries": 3,
           "startedAt": "2024-05-01T10:00:00Z", "tries": [
             {"try": 1, "status": "FAILED", "exitCode": 1, "startedAt": "2024-05-01T10:00:00Z",
              "finishedAt": "2024-05-01T10:00:01Z", "retryAt": "2024-05-01T10:00:03Z"},
             {"try": 2, "status": "RUNNING", "startedAt": "2024-05-01T10:00:03Z"}]},
          {"name": "plain", "status": "SUCCEEDED", "exitCode": 0, "attempt": 1, "parents": [],
           "maxTries": 1, "tries": [{"try": 1, "status": "SUCCEEDED", "exitCode": 0}]}]}
        """;

    var state = RemoteRunSource.state(new ObjectMapper().readTree(detail));

    JobState test = state.job("test");
    assertThat(test.maxTries()).isEqualTo(3);
    assertThat(test.tries())
        .singleElement()
        .isEqualTo(
            new JobTry(
                1, JobOutcome.FAILED, 1, null, 1714557600000L, 1714557601000L, 1714557603000L));
    assertThat(state.job("plain").tries()).isEmpty();
    assertThat(state.job("plain").maxTries()).isEqualTo(1);
  }
}
