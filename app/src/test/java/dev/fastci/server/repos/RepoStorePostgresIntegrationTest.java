package dev.fastci.server.repos;

import dev.fastci.testing.PostgresDatabase;
import java.util.function.Consumer;

/**
 * The repositories' tables on a real PostgreSQL, a fresh database for each test. Fails, naming
 * scripts/start-postgres.sh, when PostgreSQL does not answer.
 */
class RepoStorePostgresIntegrationTest extends RepoStoreCases {
  @Override
  void withStores(Consumer<Stores> test) {
    try (PostgresDatabase postgres = PostgresDatabase.create()) {
      test.accept(migrated(postgres.dataSource()));
    }
  }
}
