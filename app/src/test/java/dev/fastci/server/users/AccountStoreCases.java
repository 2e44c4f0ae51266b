package dev.fastci.server.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fastci.server.audit.Actor;
import dev.fastci.server.audit.AuditEntry;
import dev.fastci.server.audit.AuditLog;
import dev.fastci.server.audit.AuditQuery;
import dev.fastci.server.audit.AuditStore;
import dev.fastci.server.audit.Outcome;
import dev.fastci.server.tokens.PersonalTokens;
import dev.fastci.server.tokens.TokenView;
import java.time.Instant;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Users, personal tokens and the audit log on each database the run store supports, each migrated
 * by the application's own migrations: H2 ({@link AccountStoreTest}) and a real PostgreSQL ({@link
 * AccountStorePostgresIntegrationTest}).
 */
abstract class AccountStoreCases {
  static final Actor ADMIN = new Actor("ada", null, "127.0.0.1");

  /** The store's parts, on one migrated database. */
  record Store(Users users, UserStore userStore, PersonalTokens tokens, AuditStore audit) {}

  abstract void withStore(Consumer<Store> test);

  static Store migrated(DataSource dataSource) {
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    JdbcClient jdbc = JdbcClient.create(dataSource);
    AuditStore audit = new AuditStore(jdbc);
    AuditLog log = new AuditLog(audit);
    UserStore userStore = new UserStore(jdbc);
    return new Store(
        new Users(userStore, Passwords.encoder(), log),
        userStore,
        PersonalTokens.on(jdbc, userStore, log),
        audit);
  }

  @Test
  void usersAreAddedChangedAndDeletedAndTheLastAdminStays() {
    withStore(
        s -> {
          Users.Added bob = s.users().add(ADMIN, "bob", "operator", null);
          assertThat(bob.password()).hasSize(24);
          s.users().add(ADMIN, "ada", "admin", "ada-password");
          assertThat(s.users().list())
              .extracting(UserAccount::name, UserAccount::role)
              .containsExactly(
                  org.assertj.core.groups.Tuple.tuple("ada", Role.ADMIN),
                  org.assertj.core.groups.Tuple.tuple("bob", Role.OPERATOR));
          assertThat(
                  Passwords.encoder()
                      .matches(
                          bob.password(), s.userStore().find("bob").orElseThrow().passwordHash()))
              .isTrue();
          assertThat(s.userStore().find("bob").orElseThrow().passwordHash()).startsWith("{bcrypt}");

          assertThatThrownBy(() -> s.users().add(ADMIN, "bob", "viewer", null))
              .isInstanceOf(UserConflictException.class)
              .hasMessage("user bob exists already");
          assertThatThrownBy(() -> s.users().delete(ADMIN, "ada"))
              .isInstanceOf(UserConflictException.class)
              .hasMessageContaining("ada is the last admin");
          assertThatThrownBy(() -> s.users().change(ADMIN, "ada", "viewer", null))
              .isInstanceOf(UserConflictException.class);

          s.users().change(ADMIN, "bob", "admin", null);
          s.users().delete(ADMIN, "ada");
          assertThat(s.users().list()).extracting(UserAccount::name).containsExactly("bob");
        });
  }

  @Test
  void badInputNamesTheField() {
    withStore(
        s -> {
          assertThatThrownBy(() -> s.users().add(ADMIN, "no spaces", "viewer", null))
              .hasMessageStartingWith("name: must be 1 to 64");
          assertThatThrownBy(() -> s.users().add(ADMIN, "hook", "viewer", null))
              .hasMessageStartingWith("name: hook is reserved");
          assertThatThrownBy(() -> s.users().add(ADMIN, "carl", "boss", null))
              .hasMessage("role: must be viewer, operator or admin, got boss");
          assertThatThrownBy(() -> s.users().add(ADMIN, "carl", "viewer", "short"))
              .hasMessageStartingWith("password: must be 8 to 72 bytes");
          assertThat(s.users().list()).isEmpty();
        });
  }

  @Test
  void aTokenIsKeptAsItsHashAndGoesWithItsUser() {
    withStore(
        s -> {
          s.users().add(ADMIN, "bob", "operator", null);
          PersonalTokens.Created made = s.tokens().create(ADMIN, "bob", "ci", "viewer", null);

          assertThat(s.tokens().authenticate(made.token()))
              .contains(new PersonalTokens.Owner("bob", "ci", Role.VIEWER));
          assertThat(s.tokens().authenticate(made.token() + "x")).isEmpty();
          assertThat(s.tokens().list("bob")).extracting(TokenView::name).containsExactly("ci");
          assertThatThrownBy(() -> s.tokens().create(ADMIN, "bob", "ci", null, null))
              .isInstanceOf(UserConflictException.class);

          s.users().delete(ADMIN, "bob");
          assertThat(s.tokens().authenticate(made.token())).isEmpty();
        });
  }

  @Test
  void aTokenNeverActsAboveItsUsersRoleOfTheMoment() {
    withStore(
        s -> {
          s.users().add(ADMIN, "bob", "admin", null);
          s.users().add(ADMIN, "ada", "admin", null);
          PersonalTokens.Created made = s.tokens().create(ADMIN, "bob", "ci", null, null);
          assertThat(made.role()).isEqualTo(Role.ADMIN);

          s.users().change(ADMIN, "bob", "operator", null);
          assertThat(s.tokens().authenticate(made.token()).orElseThrow().role())
              .isEqualTo(Role.OPERATOR);
        });
  }

  @Test
  void theAuditLogIsFilteredByUserActionAgeAndRunNewestFirst() {
    withStore(
        s -> {
          AuditLog log = new AuditLog(s.audit());
          log.record(ADMIN, "user.add", "user bob", null, Outcome.OK, null);
          log.record(
              new Actor("bob", "ci", "10.0.0.1"), "run.start", "run r1", "r1", Outcome.OK, null);
          log.record(
              new Actor("bob", null, null),
              "run.cancel",
              "run r1",
              "r1",
              Outcome.FAILED,
              "x".repeat(5000));

          assertThat(s.audit().find(AuditQuery.ALL, 10, 0))
              .extracting(AuditEntry::action)
              .containsExactly("run.cancel", "run.start", "user.add");
          assertThat(s.audit().find(new AuditQuery("bob", null, null, null), 10, 0)).hasSize(2);
          assertThat(s.audit().find(new AuditQuery(null, "run.start", null, null), 10, 0))
              .singleElement()
              .satisfies(
                  e -> {
                    assertThat(e.token()).isEqualTo("ci");
                    assertThat(e.address()).isEqualTo("10.0.0.1");
                    assertThat(e.runId()).isEqualTo("r1");
                    assertThat(e.outcome()).isEqualTo("ok");
                  });
          assertThat(s.audit().count(new AuditQuery(null, null, null, "r1"))).isEqualTo(2);
          assertThat(
                  s.audit().count(new AuditQuery(null, null, Instant.now().plusSeconds(60), null)))
              .isZero();
          assertThat(s.audit().find(AuditQuery.ALL, 1, 0).get(0).detail()).hasSize(4000);
        });
  }
}
