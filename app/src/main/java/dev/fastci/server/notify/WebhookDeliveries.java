package dev.fastci.server.notify;

import dev.fastci.secrets.SecretSource;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Posts a run's end to a webhook, and records the outcome as a run event. */
public class WebhookDeliveries implements NotifyActivities {
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private final SecretSource secrets;
  private final Events events;

  /** Where outcomes go: the run's events, as the user reads them. */
  @FunctionalInterface
  public interface Events {
    void addEvent(String runId, int attempt, String message);
  }

  public WebhookDeliveries(SecretSource secrets, Events events) {
    this.secrets = secrets;
    this.events = events;
  }

  @Override
  public int deliver(Delivery delivery) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(delivery.webhook()))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .header("User-Agent", "fastci")
            .POST(HttpRequest.BodyPublishers.ofString(delivery.body(), StandardCharsets.UTF_8));
    if (delivery.secretHeader() != null) {
      String value = secrets.value(delivery.secretHeader());
      if (value == null) {
        throw ApplicationFailure.newNonRetryableFailure(
            "secret "
                + delivery.secretHeader()
                + " is not set on the server ("
                + SecretSource.variable(delivery.secretHeader())
                + ")",
            "MissingSecret");
      }
      request.header(headerName(delivery.secretHeader()), value);
    }
    HttpResponse<Void> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      throw ApplicationFailure.newFailure(
          e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()),
          "DeliveryFailed");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure("interrupted", "DeliveryFailed");
    }
    if (response.statusCode() / 100 != 2) {
      throw ApplicationFailure.newFailure("HTTP " + response.statusCode(), "DeliveryFailed");
    }
    return response.statusCode();
  }

  @Override
  public void recordOutcome(String runId, int attempt, String message) {
    events.addEvent(runId, attempt, message);
  }

  /** The header a secret is sent as: {@code X_TOKEN} as {@code X-Token}. */
  static String headerName(String secret) {
    return Arrays.stream(secret.split("_"))
        .filter(word -> !word.isEmpty())
        .map(
            word ->
                word.substring(0, 1).toUpperCase(Locale.ROOT)
                    + word.substring(1).toLowerCase(Locale.ROOT))
        .collect(Collectors.joining("-"));
  }
}
