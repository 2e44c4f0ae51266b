package dev.fastci.server.repos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The repositories' tables, on each database the store supports, migrated by the application's own
 * migrations: H2 ({@link RepoStoreTest}) and PostgreSQL ({@link RepoStorePostgresIntegrationTest}).
 */
abstract class RepoStoreCases {
  private static final Instant T0 = Instant.parse("2026-02-03T04:05:06.789Z");

  record Stores(JdbcClient jdbc, RepoStore repos, RepoRuns runs, HookDeliveries deliveries) {}

  abstract void withStores(Consumer<Stores> test);

  static Stores migrated(DataSource dataSource) {
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    JdbcClient jdbc = JdbcClient.create(dataSource);
    return new Stores(jdbc, new RepoStore(jdbc), new RepoRuns(jdbc), new HookDeliveries(jdbc));
  }

  private static Repo github(String name) {
    return new Repo(
        0,
        ForgeKind.GITHUB,
        name,
        "https://github.com/" + name + ".git",
        "https://api.github.com",
        "TOKEN",
        "HOOK",
        "main",
        true,
        false,
        T0);
  }

  private static void run(Stores db, String id, String status, Instant at) {
    db.jdbc()
        .sql(
            "insert into runs (id, name, status, attempt, spec_json, trigger_json, carried_json,"
                + " created_at) values (?, 'build', ?, 1, '{}', '{}', '[]', ?)")
        .params(id, status, Timestamp.from(at))
        .update();
  }

  private static RepoRun link(String run, long repo, Integer pr, Instant at) {
    return new RepoRun(
        run,
        repo,
        pr == null ? "push" : "pull_request",
        "feature",
        pr,
        "Title",
        "abc123",
        pr != null,
        false,
        pr == null ? null : "github:o/r#" + pr + ":build",
        at);
  }

  @Test
  void aRepositoryIsStoredFoundChangedAndRemovedOncePerForgeAndName() {
    withStores(
        db -> {
          Repo stored = db.repos().insert(github("octo/hello"));

          assertThat(stored.id()).isPositive();
          assertThat(db.repos().find(ForgeKind.GITHUB, "octo/hello")).contains(stored);
          assertThat(db.repos().find(ForgeKind.GITEA, "octo/hello")).isEmpty();
          assertThat(db.repos().anyForge()).isTrue();
          assertThatThrownBy(() -> db.repos().insert(github("octo/hello")))
              .isInstanceOf(DuplicateKeyException.class);

          db.repos()
              .update(
                  new Repo(
                      stored.id(),
                      ForgeKind.GITHUB,
                      "octo/hello",
                      stored.cloneUrl(),
                      stored.apiUrl(),
                      "OTHER",
                      "HOOK",
                      "develop",
                      false,
                      true,
                      T0));
          Repo changed = db.repos().find(stored.id()).orElseThrow();
          assertThat(changed.tokenSecret()).isEqualTo("OTHER");
          assertThat(changed.trusted()).isTrue();
          assertThat(changed.approveForks()).isFalse();
          assertThat(changed.createdAt()).isEqualTo(T0);

          assertThat(db.repos().delete(stored.id())).isTrue();
          assertThat(db.repos().list()).isEmpty();
          assertThat(db.repos().anyForge()).isFalse();
        });
  }

  @Test
  void aRepositorysRunsAreListedNewestFirstAndAPullRequestsUnfinishedOnesFound() {
    withStores(
        db -> {
          long repo = db.repos().insert(github("octo/runs")).id();
          run(db, "r1", "SUCCEEDED", T0);
          run(db, "r2", "RUNNING", T0.plusSeconds(1));
          run(db, "r3", "PENDING", T0.plusSeconds(2));
          db.runs().record(link("r1", repo, 7, T0));
          db.runs().record(link("r2", repo, 7, T0.plusSeconds(1)));
          db.runs().record(link("r3", repo, null, T0.plusSeconds(2)));

          assertThat(db.runs().newest(repo, 10))
              .extracting(line -> line.run().id())
              .containsExactly("r3", "r2", "r1");
          assertThat(db.runs().newest(repo, 10).get(1).run().status().name()).isEqualTo("RUNNING");
          assertThat(db.runs().unfinishedOfPullRequest(repo, 7)).containsExactly("r2");
          RepoRun r2 = db.runs().byRun("r2").orElseThrow();
          assertThat(r2.pullRequest()).isEqualTo(7);
          assertThat(r2.fork()).isTrue();
          assertThat(r2.groupKey()).isEqualTo("github:o/r#7:build");
          assertThat(r2.createdAt()).isEqualTo(T0.plusSeconds(1));

          db.repos().delete(repo);
          assertThat(db.runs().byRun("r2")).as("gone with its repository").isEmpty();
        });
  }

  @Test
  void aDeliveryIsTakenOnceAndAnsweredWithWhatItStarted() {
    withStores(
        db -> {
          assertThat(db.deliveries().claim("github", "d-1", T0)).isTrue();
          assertThat(db.deliveries().answer("github", "d-1")).isEmpty();
          db.deliveries().complete("github", "d-1", "[\"r1\"]");

          assertThat(db.deliveries().claim("github", "d-1", T0.plusSeconds(5))).isFalse();
          assertThat(db.deliveries().answer("github", "d-1")).contains("[\"r1\"]");
          assertThat(db.deliveries().claim("gitlab", "d-1", T0)).as("another forge").isTrue();

          db.deliveries().release("gitlab", "d-1");
          assertThat(db.deliveries().claim("gitlab", "d-1", T0)).as("released").isTrue();
          assertThat(
                  db.deliveries()
                      .claim("github", "d-2", T0.plus(HookDeliveries.KEPT).plusSeconds(1)))
              .isTrue();
          assertThat(
                  db.deliveries()
                      .claim("github", "d-1", T0.plus(HookDeliveries.KEPT).plusSeconds(2)))
              .as("forgotten after " + HookDeliveries.KEPT)
              .isTrue();
        });
  }
}
