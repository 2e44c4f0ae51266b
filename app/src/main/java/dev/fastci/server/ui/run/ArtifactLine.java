package dev.fastci.server.ui.run;

import dev.fastci.artifacts.Artifact;
import dev.fastci.server.ui.Formats;

/** A kept file on the run page: its job, path, size and download link. */
public record ArtifactLine(String job, String path, String size, String href) {

  static ArtifactLine of(String runId, Artifact artifact) {
    return new ArtifactLine(
        artifact.job(),
        artifact.path(),
        Formats.bytes(artifact.sizeBytes()),
        "/runs/"
            + runId
            + "/artifacts/"
            + artifact.job()
            + "/"
            + artifact.attempt()
            + "/"
            + artifact.path());
  }
}
