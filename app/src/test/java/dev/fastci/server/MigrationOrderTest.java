package dev.fastci.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A store made by a release that had some later-numbered migrations but not the lower ones of
 * features that landed after it (V12 before V7–V11) takes those lower ones on its next start, as
 * the server and the command line run Flyway ({@code out-of-order}).
 */
class MigrationOrderTest {
  private static final List<String> EARLIER_RELEASE =
      List.of(
          "V1__runs.sql",
          "V2__run_events.sql",
          "V3__job_cached.sql",
          "V4__run_facts.sql",
          "V5__users_tokens_audit.sql",
          "V6__job_tries.sql",
          "V12__run_services.sql");

  @TempDir Path dir;

  @Test
  void lowerNumberedMigrationsOfLaterFeaturesApplyToAnExistingStore() throws IOException {
    Path earlier = Files.createDirectories(dir.resolve("earlier"));
    for (String name : EARLIER_RELEASE) {
      try (InputStream sql = getClass().getResourceAsStream("/db/migration/" + name)) {
        assertThat(sql).as(name).isNotNull();
        Files.copy(sql, earlier.resolve(name));
      }
    }
    DriverManagerDataSource store =
        new DriverManagerDataSource("jdbc:h2:file:" + dir.resolve("fastci"), "fastci", "");
    Flyway.configure().dataSource(store).locations("filesystem:" + earlier).load().migrate();

    Flyway now =
        Flyway.configure()
            .dataSource(store)
            .locations("classpath:db/migration")
            .outOfOrder(true)
            .load();
    now.migrate();

    assertThat(now.info().pending()).isEmpty();
    assertThat(now.info().applied())
        .extracting(MigrationInfo::getScript)
        .contains("V9__schedules.sql", "V11__run_controls.sql");
  }
}
