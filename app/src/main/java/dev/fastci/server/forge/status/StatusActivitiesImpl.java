package dev.fastci.server.forge.status;

import dev.fastci.secrets.SecretSource;
import dev.fastci.server.forge.CommitStatus;
import dev.fastci.server.forge.Forge;
import dev.fastci.server.forge.Forges;
import dev.fastci.server.forge.StatusCall;
import dev.fastci.server.repos.Repo;
import dev.fastci.server.repos.RepoStore;
import dev.fastci.server.runs.RunEvent;
import dev.fastci.server.runs.RunEventsStore;
import dev.fastci.server.runs.RunProgress;
import dev.fastci.server.runs.RunProgressReader;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Sends a run's newest state to its forge, and records each report (and each report given up) as an
 * event of the run. The state is read from the store when the call is made, so a retry sends what
 * is true then, not what was true when the run changed.
 */
@Component
class StatusActivitiesImpl implements StatusActivities {
  private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);

  private final RepoStore repos;
  private final RunProgressReader progress;
  private final RunEventsStore events;
  private final Forges forges;
  private final SecretSource secrets;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build();

  StatusActivitiesImpl(
      RepoStore repos,
      RunProgressReader progress,
      RunEventsStore events,
      Forges forges,
      SecretSource secrets) {
    this.repos = repos;
    this.progress = progress;
    this.events = events;
    this.forges = forges;
    this.secrets = secrets;
  }

  @Override
  public SentStatus send(StatusTarget target, SentStatus last) {
    RunProgress run = progress.of(target.runId());
    Optional<Repo> repo = repos.find(target.repoId());
    if (repo.isEmpty()) {
      return new SentStatus(null, null, true); // unregistered since: nobody to tell
    }
    CommitStatus.State state = StatusDescriptions.state(run);
    String description = StatusDescriptions.describe(run, state);
    SentStatus sent = new SentStatus(state, description, state.isFinal());
    if (last != null && last.state() == state && description.equals(last.description())) {
      return sent;
    }
    Forge forge = forges.of(repo.get().forge());
    String token = token(repo.get());
    CommitStatus status =
        new CommitStatus(target.sha(), target.context(), state, description, target.targetUrl());
    call(forge, forge.status(repo.get(), status, token));
    event(
        run,
        "commit status "
            + target.context()
            + " set to "
            + state.name().toLowerCase()
            + " ("
            + description
            + ") on "
            + repo.get().forge().id()
            + " for "
            + target.sha().substring(0, Math.min(12, target.sha().length())));
    return sent;
  }

  @Override
  public boolean gaveUp(StatusTarget target, String reason) {
    RunProgress run = progress.of(target.runId());
    event(run, "commit status " + target.context() + " could not be reported: " + reason);
    return run.status().isFinal();
  }

  private String token(Repo repo) {
    String token = secrets.value(repo.tokenSecret());
    if (token == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "secret "
              + repo.tokenSecret()
              + " (the token of "
              + repo.name()
              + ") is not set on the server ("
              + SecretSource.variable(repo.tokenSecret())
              + ")",
          CommitStatusWorkflowImpl.REFUSED);
    }
    return token;
  }

  /** 2xx is done; 408, 429 and 5xx are tried again; any other answer is final. */
  private void call(Forge forge, StatusCall call) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(call.uri())
            .timeout(HTTP_TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(call.json()));
    call.headers().forEach(request::header);
    HttpResponse<String> answer;
    try {
      answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw ApplicationFailure.newFailure(call + " failed: " + e, "StatusUnreachable");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure(call + " was interrupted", "StatusUnreachable");
    }
    int code = answer.statusCode();
    if (code / 100 == 2 || forge.alreadySet(code, answer.body())) {
      return;
    }
    String message = call + " answered " + code + ": " + snippet(answer.body());
    if (code == 408 || code == 429 || code >= 500) {
      throw ApplicationFailure.newFailure(message, "StatusUnavailable");
    }
    throw ApplicationFailure.newNonRetryableFailure(message, CommitStatusWorkflowImpl.REFUSED);
  }

  private void event(RunProgress run, String message) {
    events.addEvent(run.runId(), new RunEvent(Instant.now(), run.attempt(), message));
  }

  private static String snippet(String body) {
    String flat = body == null ? "" : body.replaceAll("\\s+", " ").strip();
    return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
  }
}
