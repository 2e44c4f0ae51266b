package dev.fastci.cli;

import dev.fastci.client.RunHandle;
import dev.fastci.contract.PipelineState;
import dev.fastci.logs.LogFiles;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A run of the engine in this process: the workflow's query and the log files. */
final class LocalRunSource implements RunSource {
  private final RunHandle run;
  private final LogFiles logs;

  LocalRunSource(RunHandle run, Path dataDir) {
    this.run = run;
    this.logs = new LogFiles(dataDir.toAbsolutePath());
  }

  @Override
  public PipelineState poll(Duration wait) throws InterruptedException {
    try {
      return run.result().get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException stillRunning) {
      return run.workflow().state();
    } catch (ExecutionException e) {
      throw new IllegalStateException("the run failed: " + e.getCause().getMessage(), e);
    }
  }

  @Override
  public byte[] log(String runId, String job, int attempt, int tryNumber, long offset)
      throws IOException {
    Path file = logs.jobLog(runId, job, attempt, tryNumber);
    if (!Files.exists(file)) {
      return new byte[0];
    }
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      if (length <= offset) {
        return new byte[0];
      }
      byte[] bytes = new byte[(int) Math.min(length - offset, 1 << 20)];
      in.seek(offset);
      in.readFully(bytes);
      return bytes;
    }
  }
}
