package dev.fastci.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.EnableScheduling;

/** {@code fastci server}: HTTP API, run store, embedded Temporal and a worker. */
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@EnableScheduling
@EnableConfigurationProperties(FastciProperties.class)
public class FastciServerApplication {

  public static void main(String[] args) {
    SpringApplication.run(FastciServerApplication.class, args);
  }
}
