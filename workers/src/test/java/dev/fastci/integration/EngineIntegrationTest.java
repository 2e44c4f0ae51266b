package dev.fastci.integration;

import dev.fastci.testing.DockerEngine;
import dev.fastci.testing.LocalEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** Integration tests on the real Docker engine: one embedded engine per test class. */
@ExtendWith(DockerEngine.class)
abstract class EngineIntegrationTest {
  static LocalEngine engine;

  @BeforeAll
  static void startEngine() {
    engine = LocalEngine.start();
  }

  @AfterAll
  static void stopEngine() {
    if (engine != null) {
      engine.close();
      engine = null;
    }
  }
}
