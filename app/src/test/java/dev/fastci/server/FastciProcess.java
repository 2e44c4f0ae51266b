package dev.fastci.server;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A {@code fastci} command in its own JVM, started from the test classpath (so it works before the
 * jar is packaged), its output appended to a file that a failing test prints.
 */
final class FastciProcess implements AutoCloseable {
  private final String name;
  private final Path output;
  private Process process;

  private FastciProcess(String name, Path output) {
    this.name = name;
    this.output = output;
  }

  /**
   * The environment of a {@code fastci server} on its own data dir, API token, worker host id and
   * port, logging FastCI at INFO; a test may add more.
   */
  static Map<String, String> serverEnv(Path dataDir, String token, String hostId, int port) {
    Map<String, String> env = new java.util.LinkedHashMap<>();
    env.put("FASTCI_DATA_DIR", dataDir.toString());
    env.put("FASTCI_API_TOKEN", token);
    env.put("FASTCI_WORKER_HOST_ID", hostId);
    env.put("SERVER_PORT", Integer.toString(port));
    env.put("LOGGING_LEVEL_DEV_FASTCI", "INFO");
    return env;
  }

  /**
   * Starts {@code fastci COMMAND} in {@code workDir} with these environment variables added.
   *
   * @param name what the test calls it, in its output file's markers
   */
  static FastciProcess start(
      String name, String command, Path workDir, Path output, Map<String, String> env) {
    FastciProcess started = new FastciProcess(name, output);
    started.launch(command, workDir, env);
    return started;
  }

  private void launch(String command, Path workDir, Map<String, String> env) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
                java,
                "-Xmx384m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.fastci.cli.FastciMain",
                command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
    builder.environment().putAll(env);
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start fastci " + command, e);
    }
  }

  /** Starts the same command again (after a stop), with the same settings. */
  void restart(String command, Path workDir, Map<String, String> env) {
    note("restarting");
    launch(command, workDir, env);
  }

  /** SIGKILL: nothing is cleaned up. */
  void kill() throws InterruptedException {
    note("SIGKILL");
    process.destroyForcibly();
    awaitExit();
  }

  /** SIGTERM: a graceful stop. */
  void stop() throws InterruptedException {
    note("SIGTERM");
    process.destroy();
    awaitExit();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  int exitValue() {
    return process.exitValue();
  }

  void awaitExit() throws InterruptedException {
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException(name + " did not stop within 30 s");
    }
  }

  /** Waits until the condition holds; fails at once when the process has exited. */
  void awaitWhileAlive(String what, Duration max, BooleanSupplier condition) {
    await()
        .alias(name + ": " + what)
        .atMost(max)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException(
                    name + " exited with code " + process.exitValue() + " before " + what);
              }
              return condition.getAsBoolean();
            });
  }

  /** Waits until the process has printed {@code text}. */
  void awaitOutput(String text, Duration max) {
    awaitWhileAlive("prints '" + text + "'", max, () -> output().contains(text));
  }

  String output() {
    try {
      return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Prints the process's output, for a failing test. */
  void printOutput() {
    System.out.println("==== " + name + " output (" + output + ") ====");
    System.out.println(output());
  }

  /** Marks a moment of the test in the process's output. */
  void note(String line) {
    try {
      Files.writeString(
          output,
          Instant.now() + " ---- " + name + ": " + line + " ----" + System.lineSeparator(),
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
