package dev.fastci.server;

import dev.fastci.client.PipelineClient;
import dev.fastci.client.RunHistories;
import dev.fastci.logs.LogFiles;
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

  @Bean(destroyMethod = "close")
  Engine engine(FastciProperties properties, ObjectProvider<MeterRegistry> metrics) {
    FastciProperties.Temporal temporal = properties.temporal();
    return Engine.start(
        new EngineSettings(
            temporal.target(),
            temporal.embeddedPort(),
            properties.worker().isEnabled(),
            temporal.embedded().recycleAfter(),
            metrics.getIfAvailable()),
        properties.workerConfig());
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
  LogFiles logFiles(FastciProperties properties) {
    return new LogFiles(properties.dataDir());
  }
}
