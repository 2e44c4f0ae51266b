package dev.fastci.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fastci.contract.JobResult;
import dev.fastci.logs.JobLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The result of a job attempt, written beside its log before its container is removed. A job
 * activity that runs again for the same attempt (after a crash, a restart, a retry of the activity)
 * finds it and answers with it instead of running the command a second time.
 */
final class JobResultFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  Optional<JobResult> read(JobLog log) {
    Path file = log.resultFile();
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(file.toFile(), JobResult.class));
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable job result " + file, e);
    }
  }

  void write(JobLog log, JobResult result) {
    Path file = log.resultFile();
    Path staging = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.createDirectories(file.getParent());
      JSON.writeValue(staging.toFile(), result);
      Files.move(staging, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the job result " + file, e);
    }
  }
}
