package dev.fastci.server.users;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Users, tokens and the audit log on the embedded H2, in a file of the test's own. */
class AccountStoreTest extends AccountStoreCases {
  @TempDir Path dir;

  @Override
  void withStore(Consumer<Store> test) {
    test.accept(
        migrated(
            new DriverManagerDataSource(
                "jdbc:h2:file:" + dir.resolve("fastci") + ";WRITE_DELAY=0", "fastci", "")));
  }
}
