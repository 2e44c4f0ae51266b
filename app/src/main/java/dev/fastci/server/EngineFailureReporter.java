package dev.fastci.server;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalysisReporter;

/**
 * Prints a failure that an analyzer explained (no Docker engine, a port in use) as one line on
 * stderr, as the command line prints its errors; Spring's own multi-line report is turned off in
 * {@code application.properties}.
 */
class EngineFailureReporter implements FailureAnalysisReporter {

  @Override
  public void report(FailureAnalysis analysis) {
    String action = analysis.getAction();
    System.err.println(
        "fastci: "
            + analysis.getDescription().strip().replaceAll("\\s*\\n\\s*", " ")
            + (action == null || action.isBlank()
                ? ""
                : " " + action.strip().replaceAll("\\s*\\n\\s*", " ")));
  }
}
