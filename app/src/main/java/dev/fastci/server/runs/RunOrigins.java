package dev.fastci.server.runs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fastci.contract.PipelineRun;
import dev.fastci.contract.RepoAccess;
import java.io.UncheckedIOException;

/** A run's {@link RunOrigin} to and from its row, so every execution of the run keeps it. */
final class RunOrigins {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RunOrigins() {}

  /** The repository access as the store keeps it, or null. */
  static String accessJson(RunOrigin origin) {
    try {
      return origin.access() == null ? null : JSON.writeValueAsString(origin.access());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The execution, fetching the repository and trusting the code as the run's first did. */
  static PipelineRun applied(RunRow row, PipelineRun run) {
    try {
      RepoAccess access =
          row.repoAccessJson() == null
              ? null
              : JSON.readValue(row.repoAccessJson(), RepoAccess.class);
      return run.withOrigin(access, row.untrusted());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
