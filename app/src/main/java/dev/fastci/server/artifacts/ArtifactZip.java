package dev.fastci.server.artifacts;

import dev.fastci.artifacts.Artifact;
import dev.fastci.artifacts.ArtifactDirs;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** A run's kept files as one zip: {@code JOB/PATH} for each. */
final class ArtifactZip {
  private ArtifactZip() {}

  static void write(ArtifactDirs dirs, String runId, List<Artifact> artifacts, OutputStream out)
      throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Artifact artifact : artifacts) {
        Path file =
            dirs.file(runId, artifact.job(), artifact.attempt(), artifact.path()).orElse(null);
        if (file == null) {
          continue; // removed by the retention meanwhile
        }
        zip.putNextEntry(new ZipEntry(artifact.job() + "/" + artifact.path()));
        Files.copy(file, zip);
        zip.closeEntry();
      }
    }
  }
}
