package dev.fastci.server.metrics;

import dev.fastci.host.PipelineDirs;
import dev.fastci.server.FastciProperties;
import dev.fastci.worker.Engine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The engine's meters: the generation of the embedded Temporal and how often it was replaced, and
 * the warm pool of run network holders of this server's worker.
 */
@Component
class EngineMeters {
  EngineMeters(Engine engine, MeterRegistry registry, FastciProperties properties) {
    PipelineDirs dirs = new PipelineDirs(properties.dataDir());
    Gauge.builder("fastci.pipeline.dirs.kept", dirs, EngineMeters::keptBytes)
        .description("the finished runs' pipeline dirs kept for retries, together")
        .baseUnit("bytes")
        .register(registry);
    Gauge.builder("fastci.temporal.embedded.generation", engine, Engine::generation)
        .description("the generation of the embedded Temporal that serves now, from 1")
        .register(registry);
    Counter recycles =
        Counter.builder("fastci.temporal.embedded.recycles")
            .description("times the embedded Temporal was replaced by a fresh one")
            .register(registry);
    engine.onRecycle(recycle -> recycles.increment());
    if (engine.backend() != null) {
      Gauge.builder("fastci.warm.pool.size", engine, e -> e.backend().warmPoolSize())
          .description("run network holders started ahead and waiting for a run")
          .register(registry);
    }
  }

  private static double keptBytes(PipelineDirs dirs) {
    try {
      return dirs.keptBytes();
    } catch (java.io.IOException e) {
      return Double.NaN;
    }
  }
}
