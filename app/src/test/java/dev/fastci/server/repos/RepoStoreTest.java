package dev.fastci.server.repos;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The repositories' tables on the embedded H2, in a file of the test's own. */
class RepoStoreTest extends RepoStoreCases {
  @TempDir Path dir;

  @Override
  void withStores(Consumer<Stores> test) {
    test.accept(
        migrated(
            new DriverManagerDataSource(
                "jdbc:h2:file:" + dir.resolve("fastci") + ";WRITE_DELAY=0", "fastci", "")));
  }
}
