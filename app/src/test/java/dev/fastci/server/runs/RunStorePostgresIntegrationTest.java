package dev.fastci.server.runs;

import dev.fastci.testing.PostgresDatabase;
import java.util.function.Consumer;

/**
 * The run store's cases on a real PostgreSQL, a fresh database for each test. Fails, naming
 * scripts/start-postgres.sh, when PostgreSQL does not answer.
 */
class RunStorePostgresIntegrationTest extends RunStoreCases {
  @Override
  void withStore(Consumer<Stores> test) {
    try (PostgresDatabase postgres = PostgresDatabase.create()) {
      test.accept(migrated(postgres.dataSource()));
    }
  }
}
