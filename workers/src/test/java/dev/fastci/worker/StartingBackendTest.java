package dev.fastci.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fastci.backend.Backend;
import dev.fastci.backend.EngineUnavailableException;
import dev.fastci.backend.dummy.DummyBackend;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StartingBackendTest {
  @Test
  void aCallWaitsForTheStartThenGoesToTheStartedBackend() throws Exception {
    CompletableFuture<Backend> starting = new CompletableFuture<>();
    StartingBackend backend = new StartingBackend(starting);

    CompletableFuture<String> name = CompletableFuture.supplyAsync(backend::name);
    Thread.sleep(100);
    assertThat(name).as("answered before the backend started").isNotDone();

    starting.complete(new DummyBackend("h1"));
    assertThat(name.get(10, TimeUnit.SECONDS)).isEqualTo("dummy");
    assertThat(backend.tearDownRun("no-such-run")).isZero();
  }

  @Test
  void aCallFailsAsTheStartDid() {
    CompletableFuture<Backend> starting = new CompletableFuture<>();
    StartingBackend backend = new StartingBackend(starting);
    EngineUnavailableException noEngine =
        new EngineUnavailableException(
            "no Docker engine answers at unix:///var/run/docker.sock", null);
    starting.completeExceptionally(noEngine);

    assertThatThrownBy(() -> backend.setUpRun("r1")).isSameAs(noEngine);
  }
}
