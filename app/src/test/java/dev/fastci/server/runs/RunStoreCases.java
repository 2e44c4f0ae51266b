package dev.fastci.server.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fastci.contract.JobOutcome;
import dev.fastci.contract.JobState;
import dev.fastci.contract.JobStatus;
import dev.fastci.contract.JobTry;
import dev.fastci.contract.PipelineStatus;
import dev.fastci.contract.ServiceState;
import dev.fastci.contract.ServiceStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The run store's cases (runs, job attempts, their tries, events), run on each database it
 * supports, each migrated by the application's own Flyway migrations: the embedded H2 ({@link
 * RunStoreTest}, unit lane) and a real PostgreSQL ({@link RunStorePostgresIntegrationTest}, a fresh
 * database for each test).
 */
abstract class RunStoreCases {
  private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123Z");

  /** The run store and its job attempts, tries, events and services, on one database. */
  record Stores(
      RunStore runs,
      JobRowsStore jobs,
      RunEventsStore events,
      ServiceRowsStore services,
      JobTriesStore tries) {}

  /** Runs the test on freshly migrated stores. */
  abstract void withStore(Consumer<Stores> test);

  static Stores migrated(DataSource dataSource) {
    Flyway flyway =
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load();
    int migrations = flyway.info().pending().length;
    assertThat(migrations).as("the migrations under db/migration").isGreaterThanOrEqualTo(3);
    assertThat(flyway.migrate().migrationsExecuted)
        .as("every migration applies")
        .isEqualTo(migrations);
    JdbcClient jdbc = JdbcClient.create(dataSource);
    return new Stores(
        new RunStore(jdbc),
        new JobRowsStore(jdbc),
        new RunEventsStore(jdbc),
        new ServiceRowsStore(jdbc),
        new JobTriesStore(jdbc));
  }

  @Test
  void aRunKeepsHowItsRepositoryIsFetchedAndWhetherItIsTrusted() {
    withStore(
        db -> {
          db.runs()
              .insert(
                  new NewRun(
                      "fork",
                      "build",
                      PipelineStatus.WAITING,
                      "{}",
                      "{}",
                      T0,
                      "pull_request",
                      "feature",
                      null,
                      null,
                      null,
                      "{\"fetchRef\":\"refs/pull/7/head\"}",
                      true));
          db.runs().insert("plain", "build", "{}", "{}", T0);

          RunRow fork = db.runs().find("fork").orElseThrow();
          RunRow plain = db.runs().find("plain").orElseThrow();
          assertThat(fork.repoAccessJson()).isEqualTo("{\"fetchRef\":\"refs/pull/7/head\"}");
          assertThat(fork.untrusted()).isTrue();
          assertThat(fork.status()).isEqualTo(PipelineStatus.WAITING);
          assertThat(plain.repoAccessJson()).isNull();
          assertThat(plain.untrusted()).isFalse();
        });
  }

  @Test
  void runsAreListedNewestFirstWithFiltersAndPages() {
    withStore(
        db -> {
          db.runs().insert("r1", "build", "{}", "{\"type\":\"api\"}", T0);
          db.runs().insert("r2", "deploy", "{}", "{}", T0.plusSeconds(1));
          db.runs().insert("r3", "build", "{}", "{}", T0.plusSeconds(2));
          db.runs().markStarted("r1", 1, "host-a", T0.plusSeconds(3));
          db.runs().markFinished("r1", 1, PipelineStatus.SUCCEEDED, null, T0.plusSeconds(4));

          assertThat(db.runs().list(null, null, 10, 0))
              .extracting(RunSummary::id)
              .containsExactly("r3", "r2", "r1");
          assertThat(db.runs().list(null, "build", 10, 0))
              .extracting(RunSummary::id)
              .containsExactly("r3", "r1");
          assertThat(db.runs().list(PipelineStatus.PENDING, null, 1, 1))
              .extracting(RunSummary::id)
              .containsExactly("r2");
          assertThat(db.runs().count(PipelineStatus.SUCCEEDED, "build")).isEqualTo(1);
          assertThat(db.runs().count(null, null)).isEqualTo(3);
          assertThat(db.runs().unfinishedIds()).containsExactly("r2", "r3");
          assertThat(db.runs().existingIds(List.of("r1", "r3", "nope")))
              .isEqualTo(Set.of("r1", "r3"));

          RunRow r1 = db.runs().find("r1").orElseThrow();
          assertThat(r1.status()).isEqualTo(PipelineStatus.SUCCEEDED);
          assertThat(r1.host()).isEqualTo("host-a");
          assertThat(r1.triggerJson()).isEqualTo("{\"type\":\"api\"}");
          assertThat(r1.createdAt()).isEqualTo(T0);
          assertThat(r1.startedAt()).isEqualTo(T0.plusSeconds(3));
          assertThat(r1.finishedAt()).isEqualTo(T0.plusSeconds(4));
          assertThat(db.runs().find("nope")).isEmpty();
        });
  }

  @Test
  void aNewAttemptResetsTheRunAndKeepsItsJobAttempts() {
    withStore(
        db -> {
          db.runs().insert("r", "build", "{}", "{}", T0);
          db.runs().markStarted("r", 1, "host-a", T0.plusSeconds(1));
          db.jobs().saveJob("r", job("test", JobStatus.FAILED, 2, 1, "host-a"));
          db.runs().markFinished("r", 1, PipelineStatus.FAILED, "boom", T0.plusSeconds(5));

          db.runs().startAttempt("r", 2, "[{\"name\":\"lint\"}]");
          db.runs().markStarted("r", 1, "stale-host", T0.plusSeconds(6)); // an old attempt's record
          db.jobs().saveJob("r", job("test", JobStatus.SUCCEEDED, 0, 2, "host-b"));

          RunRow run = db.runs().find("r").orElseThrow();
          assertThat(run.attempt()).isEqualTo(2);
          assertThat(run.status()).isEqualTo(PipelineStatus.PENDING);
          assertThat(run.error()).isNull();
          assertThat(run.finishedAt()).isNull();
          assertThat(run.host()).isEqualTo("host-a");
          assertThat(run.carriedJson()).isEqualTo("[{\"name\":\"lint\"}]");
          assertThat(db.jobs().jobRows("r"))
              .extracting(JobRow::attempt, JobRow::status, JobRow::host)
              .containsExactly(
                  org.assertj.core.groups.Tuple.tuple(1, JobStatus.FAILED, "host-a"),
                  org.assertj.core.groups.Tuple.tuple(2, JobStatus.SUCCEEDED, "host-b"));
          assertThat(db.jobs().latestJobs("r").get("test").attempt()).isEqualTo(2);
        });
  }

  @Test
  void savingAJobAgainUpdatesItsOneRow() {
    withStore(
        db -> {
          db.runs().insert("r", "build", "{}", "{}", T0);
          db.jobs().saveJob("r", job("test", JobStatus.ERROR, null, 1, null));
          db.jobs().saveJob("r", job("test", JobStatus.SUCCEEDED, 0, 1, "host-a"));
          db.jobs().saveJob("r", job("test", JobStatus.SUCCEEDED, 0, 1, "host-a"));

          assertThat(db.jobs().jobRows("r"))
              .singleElement()
              .satisfies(
                  row -> {
                    assertThat(row.status()).isEqualTo(JobStatus.SUCCEEDED);
                    assertThat(row.exitCode()).isZero();
                    assertThat(row.host()).isEqualTo("host-a");
                    assertThat(row.startedAt()).isEqualTo(T0);
                    assertThat(row.finishedAt()).isEqualTo(T0.plusMillis(1500));
                  });
        });
  }

  @Test
  void aMemoizedJobIsStoredAsCached() {
    withStore(
        db -> {
          db.runs().insert("r", "build", "{}", "{}", T0);
          JobState ran = job("ran", JobStatus.SUCCEEDED, 0, 1, "host-a");
          JobState replayed = job("replayed", JobStatus.SUCCEEDED, 0, 1, "host-a");
          db.jobs().saveJob("r", ran);
          db.jobs()
              .saveJob(
                  "r",
                  new JobState(
                      replayed.name(),
                      replayed.status(),
                      replayed.exitCode(),
                      replayed.attempt(),
                      replayed.startedAt(),
                      replayed.finishedAt(),
                      replayed.parents(),
                      replayed.error(),
                      replayed.host(),
                      true));

          assertThat(db.jobs().latestJobs("r").get("ran").cached()).isFalse();
          assertThat(db.jobs().latestJobs("r").get("replayed").cached()).isTrue();
        });
  }

  @Test
  void eachTryOfAJobAttemptIsKeptOnceInItsOrder() {
    withStore(
        db -> {
          db.runs().insert("r", "build", "{}", "{}", T0);
          long t = T0.toEpochMilli();
          JobTry second = new JobTry(2, JobOutcome.SUCCEEDED, 0, null, t + 3000, t + 4000, null);
          JobTry first =
              new JobTry(1, JobOutcome.ERROR, null, "x".repeat(5000), t, t + 1000, t + 3000);
          db.tries().saveTry("r", "test", 1, second);
          db.tries().saveTry("r", "test", 1, first);
          db.tries().saveTry("r", "test", 1, first); // a retried record
          db.tries().saveTry("r", "test", 2, first);

          assertThat(db.tries().tries("r"))
              .extracting(t1 -> t1.attempt() + "." + t1.ended().number())
              .containsExactly("1.1", "1.2", "2.1");
          JobTry stored = db.tries().tries("r").get(0).ended();
          assertThat(stored.error()).as("cut to the column").hasSize(4000);
          assertThat(stored.retryAt()).isEqualTo(t + 3000);
          assertThat(stored.outcome()).isEqualTo(JobOutcome.ERROR);
          assertThat(db.tries().tries("r").get(1).ended()).isEqualTo(second);
          assertThat(db.tries().tries("other")).isEmpty();
        });
  }

  @Test
  void anEventIsKeptOnceInTheOrderItHappened() {
    withStore(
        db -> {
          db.runs().insert("r", "build", "{}", "{}", T0);
          RunEvent lost = new RunEvent(T0.plusSeconds(9), 1, "host a lost; continuing on b");
          RunEvent earlier = new RunEvent(T0.plusSeconds(2), 1, "earlier");
          db.events().addEvent("r", lost);
          db.events().addEvent("r", lost); // a retried record
          db.events().addEvent("r", earlier);

          assertThat(db.events().events("r")).containsExactly(earlier, lost);
          assertThat(db.events().events("other")).isEmpty();
        });
  }

  @Test
  void aServiceIsKeptPerAttemptAndSavingItAgainUpdatesItsOneRow() {
    withStore(
        db -> {
          db.runs().insert("r", "build", "{}", "{}", T0);
          long t0 = T0.toEpochMilli();
          ServiceState starting =
              new ServiceState(
                  "db", "postgres:15", ServiceStatus.STARTING, 1, t0, null, null, null);
          ServiceState failed =
              new ServiceState(
                  "db",
                  "postgres:15",
                  ServiceStatus.FAILED,
                  1,
                  t0,
                  null,
                  t0 + 900,
                  "x".repeat(5000));
          ServiceState again =
              new ServiceState(
                  "db", "postgres:15", ServiceStatus.STOPPED, 2, t0, t0 + 300, t0 + 2000, null);
          db.services().save("r", starting);
          db.services().save("r", failed);
          db.services().save("r", failed); // a retried record
          db.services().save("r", again);

          ServiceState first = db.services().services("r", 1).get("db");
          assertThat(first.status()).isEqualTo(ServiceStatus.FAILED);
          assertThat(first.startedAt()).isEqualTo(t0);
          assertThat(first.readyAt()).isNull();
          assertThat(first.finishedAt()).isEqualTo(t0 + 900);
          assertThat(first.error()).hasSize(ServiceRowsStore.MAX_ERROR).endsWith("…");
          assertThat(db.services().services("r", 2)).containsOnlyKeys("db");
          assertThat(db.services().services("r", 2).get("db")).isEqualTo(again);
          assertThat(db.services().services("r", 3)).isEmpty();
        });
  }

  private static JobState job(
      String name, JobStatus status, Integer exit, int attempt, String host) {
    return new JobState(
        name,
        status,
        exit,
        attempt,
        T0.toEpochMilli(),
        T0.plus(1500, ChronoUnit.MILLIS).toEpochMilli(),
        List.of(),
        status == JobStatus.ERROR ? "could not start" : null,
        host);
  }
}
