package dev.fastci.cli;

import dev.fastci.contract.PipelineState;
import java.io.IOException;
import java.time.Duration;

/** Where a followed run is read from: the engine in this process, or a FastCI server. */
interface RunSource {

  /** Waits up to {@code wait} (less when the run ends), then answers the state; null if unknown. */
  PipelineState poll(Duration wait) throws IOException, InterruptedException;

  /**
   * The bytes of the log of a job attempt's try (1 for a job without {@code retry}) from {@code
   * offset} on (empty when there are none yet).
   */
  byte[] log(String runId, String job, int attempt, int tryNumber, long offset) throws IOException;
}
