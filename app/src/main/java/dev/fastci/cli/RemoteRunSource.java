package dev.fastci.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fastci.contract.JobOutcome;
import dev.fastci.contract.JobState;
import dev.fastci.contract.JobStatus;
import dev.fastci.contract.JobTry;
import dev.fastci.contract.PipelineEvent;
import dev.fastci.contract.PipelineState;
import dev.fastci.contract.PipelineStatus;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A run on a FastCI server, read through its API. */
final class RemoteRunSource implements RunSource {
  private final ServerClient server;
  private final String runId;

  RemoteRunSource(ServerClient server, String runId) {
    this.server = server;
    this.runId = runId;
  }

  @Override
  public PipelineState poll(Duration wait) throws IOException, InterruptedException {
    Thread.sleep(wait.toMillis());
    return state(server.run(runId));
  }

  @Override
  public byte[] log(String runId, String job, int attempt, int tryNumber, long offset)
      throws IOException {
    try {
      return server.log(runId, job, attempt, tryNumber, offset);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading the log of " + job, e);
    }
  }

  static PipelineState state(JsonNode run) {
    List<JobState> jobs = new ArrayList<>();
    for (JsonNode job : run.path("jobs")) {
      List<String> parents = new ArrayList<>();
      job.path("parents").forEach(p -> parents.add(p.asText()));
      jobs.add(
          new JobState(
              job.path("name").asText(),
              JobStatus.valueOf(job.path("status").asText()),
              job.path("exitCode").isNumber() ? job.path("exitCode").asInt() : null,
              job.path("attempt").asInt(),
              millis(job.path("startedAt")),
              millis(job.path("finishedAt")),
              parents,
              text(job.path("error")),
              text(job.path("host")),
              job.path("cached").asBoolean(),
              text(job.path("skipReason")),
              endedTries(job),
              job.path("maxTries").asInt(1)));
    }
    return new PipelineState(
        run.path("id").asText(),
        run.path("name").asText(),
        PipelineStatus.valueOf(run.path("status").asText()),
        run.path("attempt").asInt(),
        millis(run.path("startedAt")),
        millis(run.path("finishedAt")),
        text(run.path("host")),
        text(run.path("error")),
        jobs,
        events(run.path("events")));
  }

  /** The tries of a job with {@code retry} that ended, as the workflow's state lists them. */
  private static List<JobTry> endedTries(JsonNode job) {
    List<JobTry> tries = new ArrayList<>();
    if (job.path("maxTries").asInt(1) <= 1) {
      return tries;
    }
    for (JsonNode one : job.path("tries")) {
      JobStatus status = JobStatus.valueOf(one.path("status").asText());
      if (status.isFinal() && status != JobStatus.CANCELLED && status != JobStatus.SKIPPED) {
        tries.add(
            new JobTry(
                one.path("try").asInt(),
                JobOutcome.valueOf(status.name()),
                one.path("exitCode").isNumber() ? one.path("exitCode").asInt() : null,
                text(one.path("error")),
                epochMillis(one.path("startedAt")),
                epochMillis(one.path("finishedAt")),
                millis(one.path("retryAt"))));
      }
    }
    return tries;
  }

  private static List<PipelineEvent> events(JsonNode events) {
    List<PipelineEvent> list = new ArrayList<>();
    events.forEach(
        e -> list.add(new PipelineEvent(millis(e.path("at")), e.path("message").asText())));
    return list;
  }

  private static Long millis(JsonNode time) {
    return time.isTextual() ? Instant.parse(time.asText()).toEpochMilli() : null;
  }

  private static long epochMillis(JsonNode time) {
    Long millis = millis(time);
    return millis == null ? 0 : millis;
  }

  private static String text(JsonNode value) {
    return value.isTextual() ? value.asText() : null;
  }
}
