package dev.fastci.logs;

import java.nio.file.Path;

/**
 * Where job and service logs live: one file per job or service attempt, under the data dir, never
 * in workflow history.
 */
public final class LogFiles {
  private final Path root;

  public LogFiles(Path dataDir) {
    this.root = dataDir.resolve("logs");
  }

  public Path jobLog(String runId, String job, int attempt) {
    return root.resolve(runId).resolve(job + "." + attempt + ".log");
  }

  /** The log of a service in one attempt of a run: {@code RUN/services/NAME.ATTEMPT.log}. */
  public Path serviceLog(String runId, String service, int attempt) {
    return root.resolve(runId).resolve("services").resolve(service + "." + attempt + ".log");
  }

  /** The data dir the logs are under. */
  public Path dataDir() {
    return root.getParent();
  }

  public Path runDir(String runId) {
    return root.resolve(runId);
  }
}
