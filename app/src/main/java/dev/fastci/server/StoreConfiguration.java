package dev.fastci.server;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The run store's database: {@code spring.datasource.*} when set (PostgreSQL in production), else
 * an embedded H2 file database under the data dir.
 */
@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

  @Bean
  DataSource dataSource(DataSourceProperties dataSource, FastciProperties fastci) {
    if (dataSource.getUrl() == null || dataSource.getUrl().isBlank()) {
      // WRITE_DELAY=0: a committed record reaches the file at once and survives a kill -9.
      dataSource.setUrl(
          "jdbc:h2:file:"
              + fastci.dataDir().resolve("store").resolve("fastci")
              + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
      dataSource.setUsername("fastci");
      dataSource.setPassword("");
    }
    return dataSource.initializeDataSourceBuilder().type(HikariDataSource.class).build();
  }
}
