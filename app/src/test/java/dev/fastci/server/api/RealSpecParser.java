package dev.fastci.server.api;

import dev.fastci.secrets.SecretSource;
import dev.fastci.spec.PipelineSpecParser;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The real spec parser with the default limits, and the process's secrets, for slices that submit
 * through RunService.
 */
@TestConfiguration(proxyBeanMethods = false)
class RealSpecParser {

  @Bean
  PipelineSpecParser pipelineSpecParser() {
    return new PipelineSpecParser(PipelineSpecParser.DEFAULT_MAX_JOBS);
  }

  @Bean
  SecretSource secretSource() {
    return SecretSource.environment();
  }
}
