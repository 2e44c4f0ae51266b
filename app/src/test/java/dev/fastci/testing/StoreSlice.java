package dev.fastci.testing;

import dev.fastci.server.audit.AuditLog;
import dev.fastci.server.audit.AuditStore;
import dev.fastci.server.tokens.PersonalTokens;
import dev.fastci.server.users.AdminAccount;
import dev.fastci.server.users.PasswordConfiguration;
import dev.fastci.server.users.StoredUserDetails;
import dev.fastci.server.users.UserStore;
import dev.fastci.server.users.Users;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * For web slice tests: a real H2 store of their own (in memory, migrated by the application's
 * Flyway migrations) with the real users, tokens and audit log on it, which the real security
 * chains need.
 */
@Configuration(proxyBeanMethods = false)
@Import({
  PasswordConfiguration.class,
  UserStore.class,
  Users.class,
  StoredUserDetails.class,
  AdminAccount.class,
  AuditStore.class,
  AuditLog.class
})
public class StoreSlice {

  @Bean
  DataSource dataSource() {
    DataSource dataSource =
        new DriverManagerDataSource(
            "jdbc:h2:mem:slice-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "fastci", "");
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    return dataSource;
  }

  @Bean
  JdbcClient jdbcClient(DataSource dataSource) {
    return JdbcClient.create(dataSource);
  }

  @Bean
  PlatformTransactionManager transactionManager(DataSource dataSource) {
    return new DataSourceTransactionManager(dataSource);
  }

  @Bean
  PersonalTokens personalTokens(JdbcClient jdbc, UserStore users, AuditLog audit) {
    return PersonalTokens.on(jdbc, users, audit);
  }
}
