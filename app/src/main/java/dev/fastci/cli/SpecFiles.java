package dev.fastci.cli;

import dev.fastci.spec.PipelineSpec;
import dev.fastci.spec.PipelineSpecParser;
import dev.fastci.spec.RunVariables;
import dev.fastci.spec.SpecError;
import dev.fastci.spec.SpecFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads a pipeline file (JSON or YAML, by its name or content). */
final class SpecFiles {
  private SpecFiles() {}

  /** The parsed spec; an unreadable file is reported as a spec problem at {@code $}. */
  static PipelineSpec read(Path file) {
    return PipelineSpecParser.parse(text(file), SpecFormat.forFileName(file.toString()));
  }

  /** The parsed spec of a run, its templates filled with the run's parameters and branch. */
  static PipelineSpec read(Path file, RunVariables variables) {
    return new PipelineSpecParser(PipelineSpecParser.DEFAULT_MAX_JOBS)
        .parseSpec(text(file), SpecFormat.forFileName(file.toString()), variables);
  }

  private static String text(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new dev.fastci.spec.InvalidSpecException(
          List.of(new SpecError("$", "cannot read " + file + ": " + e.getMessage())));
    }
  }
}
