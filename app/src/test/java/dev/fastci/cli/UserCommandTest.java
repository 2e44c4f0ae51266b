package dev.fastci.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fastci.server.audit.AuditEntry;
import dev.fastci.server.audit.AuditQuery;
import dev.fastci.server.audit.AuditStore;
import dev.fastci.server.users.Passwords;
import dev.fastci.server.users.Role;
import dev.fastci.server.users.UserStore;
import java.nio.file.Path;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** {@code fastci user ...} on the H2 store of a data dir, as when the server is stopped. */
class UserCommandTest {
  @TempDir Path dataDir;
  private DataSource store;

  @BeforeEach
  void aStoreTheServerMadeOnItsFirstStart() {
    System.setProperty("fastci.data-dir", dataDir.toString());
    store =
        new DriverManagerDataSource(
            "jdbc:h2:file:" + dataDir.resolve("store/fastci") + ";WRITE_DELAY=0", "fastci", "");
    Flyway.configure().dataSource(store).locations("classpath:db/migration").load().migrate();
  }

  @AfterEach
  void forgetTheDataDir() {
    System.clearProperty("fastci.data-dir");
  }

  @Test
  void addPrintsAGeneratedPasswordOnceAndTheUserCanUseIt() {
    CliRun run = CliRun.of("user", "add", "alice", "--role", "operator");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("added alice (operator)\npassword (shown only this once): ");
    String password = run.out().lines().toList().get(1).replaceFirst(".*: ", "");
    UserStore.StoredUser alice =
        new UserStore(JdbcClient.create(store)).find("alice").orElseThrow();
    assertThat(alice.role()).isEqualTo(Role.OPERATOR);
    assertThat(Passwords.encoder().matches(password, alice.passwordHash())).isTrue();
    assertThat(new AuditStore(JdbcClient.create(store)).find(AuditQuery.ALL, 10, 0))
        .singleElement()
        .extracting(AuditEntry::user, AuditEntry::action, AuditEntry::target, AuditEntry::outcome)
        .containsExactly("cli", "user.add", "user alice", "ok");
  }

  @Test
  void roleListPasswordTokenAndDeleteWork() {
    CliRun.of("user", "add", "alice");
    CliRun.of("user", "add", "boss", "--role", "admin");

    assertThat(CliRun.of("user", "role", "alice", "operator").out())
        .isEqualTo("alice is now operator\n");
    assertThat(CliRun.of("user", "list").out()).isEqualTo("alice\toperator\nboss\tadmin\n");
    assertThat(CliRun.of("user", "password", "alice").out())
        .startsWith("new password of alice (shown only this once): ");
    CliRun token = CliRun.of("user", "token", "alice", "--name", "laptop", "--expires-in", "30");
    assertThat(token.exitCode()).as(token.err()).isZero();
    assertThat(token.out()).startsWith("token laptop of alice (operator, expires ");
    assertThat(token.out().lines().toList().get(1)).startsWith("fci_");
    assertThat(CliRun.of("user", "delete", "alice").out())
        .isEqualTo("deleted alice and their tokens\n");
    assertThat(CliRun.of("user", "list").out()).isEqualTo("boss\tadmin\n");
  }

  @Test
  void badInputIsNamedAndChangesNothing() {
    CliRun.of("user", "add", "alice");

    CliRun again = CliRun.of("user", "add", "alice");
    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.err()).isEqualTo("fastci: user alice exists already\n");
    assertThat(CliRun.of("user", "add", "bob", "--role", "boss").err())
        .isEqualTo("fastci: role: must be viewer, operator or admin, got boss\n");
    assertThat(CliRun.of("user", "role", "nobody", "admin").err())
        .isEqualTo("fastci: no user nobody\n");
    assertThat(CliRun.of("user", "token", "alice", "--name", "x", "--role", "admin").err())
        .isEqualTo("fastci: role: may be at most viewer, the role of alice\n");
    assertThat(CliRun.of("user", "list").out()).isEqualTo("alice\tviewer\n");
  }

  @Test
  void withoutAStoreItSaysSoAndExits1() {
    System.setProperty("fastci.data-dir", dataDir.resolve("elsewhere").toString());

    CliRun run = CliRun.of("user", "list");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .startsWith("fastci: cannot open the H2 store ")
        .contains("Stop the server first");
  }

  @Test
  void userAloneShowsItsUsage() {
    CliRun run = CliRun.of("user");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("usage: fastci user (add|list|role|password|delete|token)");
  }

  @Test
  void theTokenForServerComesFromTheEnvironmentThenTheConfigFileThenTheDataDir() throws Exception {
    Path home = dataDir.resolve("home");
    java.nio.file.Files.createDirectories(home.resolve(".config/fastci"));
    java.nio.file.Files.writeString(dataDir.resolve("api-token"), "server-wide\n");
    assertThat(ApiTokens.find(dataDir, Map.of(), home)).isEqualTo("server-wide");
    java.nio.file.Files.writeString(home.resolve(".config/fastci/token"), "fci_personal\n");
    assertThat(ApiTokens.find(dataDir, Map.of(), home)).isEqualTo("fci_personal");
    assertThat(ApiTokens.find(dataDir, Map.of("FASTCI_API_TOKEN", "from-env"), home))
        .isEqualTo("from-env");
  }
}
