package dev.fastci.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fastci.testing.DockerEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code fastci run FILE --server URL} against a real server on a random port: the same output and
 * exit codes as a run on the embedded engine. The token comes from the server's data dir.
 */
@ExtendWith(DockerEngine.class)
@SpringBootTest(
    classes = dev.fastci.server.FastciServerApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RunOnServerIntegrationTest {
  private static final Path DATA_DIR = tempDir();

  @LocalServerPort int port;

  @DynamicPropertySource
  static void serverDataDir(DynamicPropertyRegistry registry) {
    registry.add("fastci.data-dir", DATA_DIR::toString);
  }

  private Set<String> before;

  @BeforeEach
  void cliReadsTheTokenFromTheSameDataDir() {
    before = DockerEngine.fastciContainerIds();
    System.setProperty("fastci.data-dir", DATA_DIR.toString());
  }

  @AfterEach
  void nothingIsLeftBehind() {
    System.clearProperty("fastci.data-dir");
    assertThat(DockerEngine.fastciContainersBut(before)).isEmpty();
  }

  @Test
  void succeededRunOnTheServerExitsZeroWithTheJobsOutput() {
    CliRun run = CliRun.of("run", Examples.file("hello.json"), "--server", url());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("hello | Hello, world!");
    assertThat(run.out()).contains("pipeline hello SUCCEEDED");
  }

  @Test
  void failedRunOnTheServerExitsOneWithProgressAndSummary() {
    CliRun run = CliRun.of("run", Examples.file("failing.json"), "--server", url());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.out()).containsPattern("tests +\\| 1 test failed");
    assertThat(run.out()).containsPattern("tests +FAILED \\(exit 3\\)");
    assertThat(run.out()).containsPattern("deploy +SKIPPED");
    assertThat(run.out()).contains("pipeline failing FAILED");
  }

  @Test
  void unreachableServerIsReportedWithExitOne() {
    CliRun run = CliRun.of("run", Examples.file("hello.json"), "--server", "http://127.0.0.1:9");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).startsWith("fastci: ");
  }

  private String url() {
    return "http://127.0.0.1:" + port;
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("fastci-cli-server-");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
