package dev.fastci.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fastci.job.JobLimits;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CliSettingsLimitsTest {

  @Test
  void jobLimitsComeFromTheEnvironment() {
    CliSettings settings =
        CliSettings.from(
            Map.of(
                "FASTCI_LIMITS_MAX_LOG_BYTES", "4096",
                "FASTCI_LIMITS_DEFAULT_MEMORY", "128m",
                "FASTCI_LIMITS_DEFAULT_CPUS", "0.5"));

    assertThat(settings.workerConfig().jobLimits())
        .extracting(JobLimits::maxLogBytes, JobLimits::defaultMemory, JobLimits::defaultCpus)
        .containsExactly(4096L, "128m", 0.5);
  }

  @Test
  void withoutSettingsTheLogIsCutAt64MibAndJobsHaveNoLimits() {
    assertThat(CliSettings.from(Map.of()).workerConfig().jobLimits())
        .extracting(JobLimits::maxLogBytes, JobLimits::defaultMemory, JobLimits::defaultCpus)
        .containsExactly(JobLimits.DEFAULT_MAX_LOG_BYTES, null, null);
  }
}
