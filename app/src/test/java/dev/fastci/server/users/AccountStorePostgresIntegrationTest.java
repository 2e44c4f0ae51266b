package dev.fastci.server.users;

import dev.fastci.testing.PostgresDatabase;
import java.util.function.Consumer;

/**
 * Users, tokens and the audit log on a real PostgreSQL, a fresh database for each test. Fails,
 * naming scripts/start-postgres.sh, when PostgreSQL does not answer.
 */
class AccountStorePostgresIntegrationTest extends AccountStoreCases {
  @Override
  void withStore(Consumer<Store> test) {
    try (PostgresDatabase postgres = PostgresDatabase.create()) {
      test.accept(migrated(postgres.dataSource()));
    }
  }
}
