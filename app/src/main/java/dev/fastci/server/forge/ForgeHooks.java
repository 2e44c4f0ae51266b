package dev.fastci.server.forge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fastci.git.Mirrors;
import dev.fastci.secrets.SecretSource;
import dev.fastci.server.commits.CommitPipelines;
import dev.fastci.server.repos.ForgeKind;
import dev.fastci.server.repos.HookDeliveries;
import dev.fastci.server.repos.Repo;
import dev.fastci.server.repos.Repos;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Takes a forge's webhook delivery: finds the registered repository it names (404), checks the
 * signature with the repository's webhook secret (401), reads what it means (400 naming the field
 * it lacks) and starts, or cancels, what it asks for (202). A delivery sent again starts nothing.
 */
@Service
public class ForgeHooks {
  private final Forges forges;
  private final Repos repos;
  private final SecretSource secrets;
  private final HookDeliveries deliveries;
  private final ForgePipelines pipelines;
  private final PullRequestRuns pullRequests;
  private final ObjectMapper json;

  ForgeHooks(
      Forges forges,
      Repos repos,
      SecretSource secrets,
      HookDeliveries deliveries,
      ForgePipelines pipelines,
      PullRequestRuns pullRequests,
      ObjectMapper json) {
    this.forges = forges;
    this.repos = repos;
    this.secrets = secrets;
    this.deliveries = deliveries;
    this.pipelines = pipelines;
    this.pullRequests = pullRequests;
    this.json = json;
  }

  /** The HTTP status and JSON body to answer with. */
  public record Answer(HttpStatus status, Map<String, Object> body) {}

  public Answer deliver(ForgeKind kind, HookRequest request) {
    Forge forge = forges.of(kind);
    try {
      String name = forge.repository(request);
      Optional<Repo> repo = repos.find(kind, name);
      if (repo.isEmpty()) {
        return error(
            HttpStatus.NOT_FOUND, kind.id() + " repository " + name + " is not registered");
      }
      String secret = secrets.value(repo.get().hookSecret());
      if (secret == null) {
        return error(
            HttpStatus.INTERNAL_SERVER_ERROR,
            "the webhook secret of "
                + name
                + " is not set on the server ("
                + SecretSource.variable(repo.get().hookSecret())
                + ")");
      }
      if (!forge.verified(request, secret)) {
        return error(
            HttpStatus.UNAUTHORIZED,
            "the signature does not match the webhook secret of " + kind.id() + " " + name);
      }
      return handle(repo.get(), forge, forge.parse(request), forge.deliveryId(request));
    } catch (BadHookException e) {
      return error(HttpStatus.BAD_REQUEST, e.getMessage());
    } catch (Mirrors.MirrorException e) {
      return error(HttpStatus.BAD_GATEWAY, e.getMessage());
    }
  }

  private Answer handle(Repo repo, Forge forge, Hook hook, String delivery) {
    if (hook instanceof Hook.Ping) {
      return new Answer(HttpStatus.OK, Map.of("pong", repo.forge().id() + " " + repo.name()));
    }
    if (hook instanceof Hook.Ignored ignored) {
      return accepted(List.of(), List.of(), Map.of("ignored", ignored.reason()));
    }
    String forgeId = repo.forge().id();
    if (delivery != null && !deliveries.claim(forgeId, delivery, Instant.now())) {
      return accepted(
          read(deliveries.answer(forgeId, delivery).orElse("[]")),
          List.of(),
          Map.of("redelivered", true));
    }
    try {
      Answer answer = act(repo, forge, hook, delivery);
      if (delivery != null) {
        deliveries.complete(forgeId, delivery, write(answer.body().get("pipelines")));
      }
      return answer;
    } catch (RuntimeException e) {
      if (delivery != null) {
        deliveries.release(forgeId, delivery); // the forge's next try is taken
      }
      throw e;
    }
  }

  private Answer act(Repo repo, Forge forge, Hook hook, String delivery) {
    CommitPipelines.Started started;
    if (hook instanceof Hook.Push push) {
      started = pipelines.push(repo, forge, ForgeEvent.of(push, delivery));
    } else if (hook instanceof Hook.PullRequest pr) {
      if (pr.action() == Hook.PullRequest.Action.CLOSED) {
        return accepted(List.of(), List.of(), Map.of("cancelled", pullRequests.cancel(repo, pr)));
      }
      String ref = forge.pullRequestRef(pr.number());
      started = pipelines.pullRequest(repo, forge, ForgeEvent.of(pr, ref, delivery));
    } else {
      throw new IllegalStateException("unexpected hook " + hook);
    }
    return accepted(started.pipelines(), started.skipped(), Map.of());
  }

  private static Answer accepted(List<String> ids, List<?> skipped, Map<String, Object> more) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("pipelines", ids);
    body.put("skipped", skipped);
    body.putAll(more);
    return new Answer(HttpStatus.ACCEPTED, body);
  }

  private static Answer error(HttpStatus status, String message) {
    return new Answer(status, Map.of("error", message));
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<String> read(String ids) {
    try {
      return List.of(json.readValue(ids, String[].class));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
