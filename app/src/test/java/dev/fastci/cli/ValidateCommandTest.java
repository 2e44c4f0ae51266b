package dev.fastci.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
  @TempDir Path dir;

  @Test
  void validSpecExitsZero() {
    CliRun run = CliRun.of("validate", Examples.file("hello.json"));

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("valid");
  }

  @Test
  void everyExampleIsValid() throws Exception {
    Path examples = Path.of(Examples.file("hello.json")).getParent();
    try (var files = Files.list(examples)) {
      for (Path example : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        CliRun run = CliRun.of("validate", example.toString());

        assertThat(run.exitCode()).as(example + ": " + run.err()).isZero();
      }
    }
  }

  @Test
  void invalidSpecExitsTwoAndListsEveryProblemByPath() throws Exception {
    Path spec = dir.resolve("bad.json");
    Files.writeString(
        spec,
        "{\"name\": \"bad\", \"jobs\": [{\"name\": \"a\", \"image\": \"busybox\"}, 7],"
            + " \"bind_workdir_from_host\": \"relative/dir\"}");

    CliRun run = CliRun.of("validate", spec.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("jobs[0].command: required")
        .contains("jobs[1]: must be an object")
        .contains("bind_workdir_from_host: must be an absolute path");
  }

  @Test
  void yamlSpecIsAccepted() throws Exception {
    Path spec = dir.resolve("p.yaml");
    Files.writeString(
        spec,
        """
        name: yaml
        jobs:
          - name: a
            image: busybox:latest
            command: [echo, hi]
        """);

    assertThat(CliRun.of("validate", spec.toString()).exitCode()).isZero();
  }

  @Test
  void missingFileIsReportedAsAProblemWithExitTwo() {
    CliRun run = CliRun.of("validate", dir.resolve("nope.json").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("cannot read");
  }

  @Test
  void unknownCommandPrintsUsageWithExitTwo() {
    CliRun run = CliRun.of("frobnicate");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("usage: fastci");
  }
}
