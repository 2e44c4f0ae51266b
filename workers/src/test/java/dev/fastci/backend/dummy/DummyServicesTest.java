package dev.fastci.backend.dummy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fastci.backend.ContainerSpec;
import dev.fastci.backend.ContainerStatus;
import dev.fastci.backend.ContainerStatus.Health;
import dev.fastci.backend.JobContainer;
import dev.fastci.backend.Labels;
import dev.fastci.backend.RunScope;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Service containers on the dummy backend: their life and what their readiness probes answer. */
class DummyServicesTest {
  private static final Duration SECOND = Duration.ofSeconds(1);
  private final DummyBackend backend = new DummyBackend("h");
  private final RunScope run = backend.setUpRun("r");

  @AfterEach
  void close() {
    backend.close();
    assertThat(backend.journal().violations()).isEmpty();
  }

  private JobContainer service(String name, Map<String, String> env) {
    ContainerSpec spec =
        new ContainerSpec(
                "fastci-r-h-" + name + ".service-1",
                "img",
                List.of(),
                env,
                List.of(),
                "/",
                Map.of(
                    Labels.MANAGED,
                    "true",
                    Labels.RUN,
                    "r",
                    Labels.HOST,
                    "h",
                    Labels.SERVICE,
                    name))
            .withHostAliases(List.of("db", "web"));
    JobContainer container = backend.createOrFind(run, spec);
    backend.start(container);
    return container;
  }

  @Test
  void aServiceRunsUntilItIsRemovedAndIsReadyAtOnceByDefault() throws Exception {
    JobContainer db = service("db", Map.of());
    Thread.sleep(100);

    assertThat(backend.status(db)).isEqualTo(new ContainerStatus(true, null, Health.NONE));
    assertThat(backend.exec(db, List.of("true"), SECOND)).isZero();
    assertThat(backend.acceptsTcp(db, 5432, SECOND)).isTrue();
    assertThat(backend.journal().createdSpec("db.service-1").hostAliases())
        .containsExactly("db", "web");
    assertThat(backend.tearDownRun("r")).isEqualTo(1);
    assertThat(backend.status(db)).isEqualTo(ContainerStatus.GONE);
  }

  @Test
  void itsProbesAnswerReadyOnlyAfterReadyAfterMs() {
    JobContainer db =
        service("db", Map.of("DUMMY_READY_AFTER_MS", "300", "DUMMY_HEALTHCHECK", "1"));

    assertThat(backend.acceptsTcp(db, 5432, SECOND)).isFalse();
    assertThat(backend.exec(db, List.of("true"), SECOND)).isEqualTo(1);
    assertThat(backend.status(db).health()).isEqualTo(Health.STARTING);
    Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> backend.status(db).health() == Health.HEALTHY);
    assertThat(backend.acceptsTcp(db, 5432, SECOND)).isTrue();
  }

  @Test
  void aNeverReadyServiceNeverAnswersReady() throws Exception {
    JobContainer db = service("db", Map.of("DUMMY_NEVER_READY", "true"));
    Thread.sleep(100);

    assertThat(backend.exec(db, List.of("true"), SECOND)).isEqualTo(1);
    assertThat(backend.status(db).running()).isTrue();
  }

  @Test
  void aServiceWithAnExitCodeExitsAfterItsSleep() throws Exception {
    JobContainer db = service("db", Map.of("DUMMY_EXIT_CODE", "3", "DUMMY_SLEEP_MS", "100"));

    assertThat(backend.awaitExit(db).get(5, TimeUnit.SECONDS).exitCode()).isEqualTo(3);
    assertThat(backend.status(db)).isEqualTo(new ContainerStatus(false, 3, Health.NONE));
    assertThatThrownBy(() -> backend.exec(db, List.of("true"), SECOND))
        .hasMessageContaining("is not running");
  }
}
