package dev.fastci.server.runs;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The run store's cases on the embedded H2, in a file of the test's own. */
class RunStoreTest extends RunStoreCases {
  @TempDir Path dir;

  @Override
  void withStore(Consumer<Stores> test) {
    test.accept(
        migrated(
            new DriverManagerDataSource(
                "jdbc:h2:file:" + dir.resolve("fastci") + ";WRITE_DELAY=0", "fastci", "")));
  }
}
