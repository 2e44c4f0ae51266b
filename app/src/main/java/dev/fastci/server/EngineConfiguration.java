package dev.fastci.server;

import dev.fastci.artifacts.ArtifactDirs;
import dev.fastci.client.PipelineClient;
import dev.fastci.client.RunHistories;
import dev.fastci.logs.LogFiles;
import dev.fastci.secrets.SecretSource;
import dev.fastci.spec.PipelineSpecParser;
import dev.fastci.worker.Engine;
import dev.fastci.worker.EngineSettings;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Temporal (embedded unless {@code fastci.temporal.target}), a worker, and their clients. */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

  /** Where the server and its own worker read secrets: {@code FASTCI_SECRET_<NAME>}. */
  @Bean
  SecretSource secretSource() {
    return SecretSource.environment();
  }

  @Bean(destroyMethod = "close")
  Engine engine(
      FastciProperties properties, SecretSource secrets, ObjectProvider<MeterRegistry> metrics) {
    FastciProperties.Temporal temporal = properties.temporal();
    return Engine.start(
        new EngineSettings(
            temporal.target(),
            temporal.embeddedPort(),
            properties.worker().isEnabled(),
            temporal.embedded().recycleAfter(),
            metrics.getIfAvailable()),
        properties.workerConfig().withSecrets(secrets));
  }

  @Bean
  PipelineClient pipelineClient(Engine engine) {
    return new PipelineClient(engine.clients());
  }

  @Bean
  RunHistories runHistories(Engine engine) {
    return engine.histories();
  }

  @Bean
  PipelineSpecParser pipelineSpecParser(FastciProperties properties) {
    return new PipelineSpecParser(properties.limits().maxJobs());
  }

  @Bean
  ArtifactDirs artifactDirs(FastciProperties properties) {
    return new ArtifactDirs(properties.dataDir());
  }

  @Bean
  LogFiles logFiles(FastciProperties properties) {
    return new LogFiles(properties.dataDir());
  }
}
