package dev.fastci.server;

import dev.fastci.backend.EngineUnavailableException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A server whose worker finds no Docker engine: the failure is that one line (where the engine was
 * looked for, and what to do), not the stack trace of every bean on the way, and the server exits 3
 * ({@link dev.fastci.cli.FastciMain}).
 */
class EngineFailureAnalyzer extends AbstractFailureAnalyzer<EngineUnavailableException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, EngineUnavailableException cause) {
    return new FailureAnalysis(cause.getMessage(), null, cause);
  }
}
