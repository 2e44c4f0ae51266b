package dev.fastci.logs;

import java.nio.file.Path;

/**
 * Where job and service logs live: one file per job attempt and try, or per service attempt, under
 * the data dir, never in workflow history.
 */
public final class LogFiles {
  private final Path root;

  public LogFiles(Path dataDir) {
    this.root = dataDir.resolve("logs");
  }

  /** The log of a job attempt's first (or only) try: {@code JOB.ATTEMPT.log}. */
  public Path jobLog(String runId, String job, int attempt) {
    return jobLog(runId, job, attempt, 1);
  }

  /**
   * The log of one try of a job attempt: {@code JOB.ATTEMPT.log} for the first, {@code
   * JOB.ATTEMPT.tryN.log} for the others. Job names may hold dots, so the word {@code try} keeps a
   * try's log apart from the log of a job whose name ends in {@code .N}.
   */
  public Path jobLog(String runId, String job, int attempt, int tryNumber) {
    String name = job + "." + attempt + (tryNumber > 1 ? ".try" + tryNumber : "") + ".log";
    return root.resolve(runId).resolve(name);
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
