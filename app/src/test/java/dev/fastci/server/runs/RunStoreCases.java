package dev.fastci.server.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fastci.contract.JobState;
import dev.fastci.contract.JobStatus;
import dev.fastci.contract.PipelineStatus;
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
 * The run store's cases (runs, job attempts, events), run on each database it supports, each
 * migrated by the application's own Flyway migrations: the embedded H2 ({@link RunStoreTest}, unit
 * lane) and a real PostgreSQL ({@link RunStorePostgresIntegrationTest}, a fresh database for each
 * test).
 */
abstract class RunStoreCases {
  private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123Z");

  /** The run store and its job attempts and events, on one database. */
  record Stores(RunStore runs, JobRowsStore jobs, RunEventsStore events) {}

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
    return new Stores(new RunStore(jdbc), new JobRowsStore(jdbc), new RunEventsStore(jdbc));
  }

  @Test
  void aRunKeepsHowItsRepositoryIsFetchedAndWhetherItIsTrusted() {
    withStore(
        db -> {
          db.runs()
              .insert("fork", "build", "{}", "{}", T0, "{\"fetchRef\":\"refs/pull/7/head\"}", true);
          db.runs().insert("plain", "build", "{}", "{}", T0);

          RunRow fork = db.runs().find("fork").orElseThrow();
          RunRow plain = db.runs().find("plain").orElseThrow();
          assertThat(fork.repoAccessJson()).isEqualTo("{\"fetchRef\":\"refs/pull/7/head\"}");
          assertThat(fork.untrusted()).isTrue();
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
