package dev.fastci.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hooks/post-receive script itself, run by sh (dash on Debian) with curl and openssl against a
 * local server: external processes, hence the integration lane. Its speed against a live server is
 * a {@code timing} test: it reports, never fails the build.
 */
class PostReceiveHookIntegrationTest {
  private static final String SECRET = "s3cr'et \"hook\"";
  private static final String OLD = "1".repeat(40);
  private static final String NEW = "2".repeat(40);
  private static final String ZERO = "0".repeat(40);

  @TempDir Path dir;

  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile int status = 202;
  private volatile String answer = "{\"pipelines\":[\"id1\",\"id2\"]}";
  private HttpServer server;
  private String url;

  private record Request(
      String method, String path, Map<String, List<String>> headers, String body) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  private record Run(int exitCode, String out, String err, long millis) {}

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          requests.add(
              new Request(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().getPath(),
                  Map.copyOf(exchange.getRequestHeaders()),
                  body));
          byte[] out = answer.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, out.length);
          exchange.getResponseBody().write(out);
          exchange.close();
        });
    server.start();
    url = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @Test
  void postsOneSignedRequestPerPushedRef() throws Exception {
    Path repo = Files.createDirectories(dir.resolve("we\"ird\\name.git"));
    String input = OLD + " " + NEW + " refs/heads/main\n" + ZERO + " " + NEW + " refs/tags/v1\n";

    Run run = hook(repo, input, Map.of("FASTCI_URL", url + "/", "FASTCI_HOOK_SECRET", SECRET));

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .isEqualTo(
            "fastci: started 2 pipeline(s) for refs/heads/main\n"
                + "fastci: started 2 pipeline(s) for refs/tags/v1\n");
    String repoJson = repo.toRealPath().toString().replace("\\", "\\\\").replace("\"", "\\\"");
    assertThat(requests).hasSize(2);
    assertThat(requests.get(0).body())
        .isEqualTo(
            "{\"repo\": \""
                + repoJson
                + "\", \"before\": \""
                + OLD
                + "\", \"after\": \""
                + NEW
                + "\", \"ref\": \"refs/heads/main\"}");
    assertThat(requests.get(1).body())
        .contains("\"before\": \"" + ZERO + "\"")
        .contains("\"ref\": \"refs/tags/v1\"");
    for (Request request : requests) {
      assertThat(request.method()).isEqualTo("POST");
      assertThat(request.path()).isEqualTo("/api/hooks/git");
      assertThat(request.header("Content-Type")).isEqualTo("application/json");
      assertThat(request.header("X-FastCI-Signature"))
          .isEqualTo("sha256=" + hmac(SECRET, request.body()));
    }
  }

  @Test
  void aDeletedRefStartsNothingAndAnEmptyAnswerCountsZero() throws Exception {
    answer = "{\"pipelines\":[]}";
    String input =
        OLD + " " + ZERO + " refs/heads/gone\n\n" + OLD + " " + NEW + " refs/heads/main\n";

    Run run = hook(dir, input, Map.of("FASTCI_URL", url, "FASTCI_HOOK_SECRET", SECRET));

    assertThat(run.exitCode()).isZero();
    assertThat(requests).hasSize(1);
    assertThat(requests.get(0).body()).contains("refs/heads/main");
    assertThat(run.out()).isEqualTo("fastci: started 0 pipeline(s) for refs/heads/main\n");
  }

  @Test
  void pipelineFilesWithProblemsAreAWarning() throws Exception {
    answer =
        "{\"pipelines\":[\"id1\"],\"errors\":{\".fastci/bad.json\":"
            + "[{\"path\":\"jobs\",\"message\":\"required\"}]}}";

    Run run =
        hook(
            dir,
            OLD + " " + NEW + " refs/heads/main\n",
            Map.of("FASTCI_URL", url, "FASTCI_HOOK_SECRET", SECRET));

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo("fastci: started 1 pipeline(s) for refs/heads/main\n");
    assertThat(run.err())
        .isEqualTo(
            "fastci: warning: pipeline files with problems at refs/heads/main: "
                + "{\".fastci/bad.json\":[{\"path\":\"jobs\",\"message\":\"required\"}]}\n");
  }

  @Test
  void readsItsSettingsFromTheConfBesideItAndTheEnvironmentOverrides() throws Exception {
    Path hooks = Files.createDirectories(dir.resolve("repo.git/hooks"));
    Files.copy(script(), hooks.resolve("post-receive"));
    Files.writeString(
        hooks.resolve("fastci-hook.conf"),
        "FASTCI_URL='" + url + "'\nFASTCI_HOOK_SECRET='from-conf'\n");
    String input = OLD + " " + NEW + " refs/heads/main\n";

    Run fromConf = hook(hooks.resolve("post-receive"), hooks.getParent(), input, Map.of());
    Run overridden =
        hook(
            hooks.resolve("post-receive"),
            hooks.getParent(),
            input,
            Map.of("FASTCI_HOOK_SECRET", "from-env"));

    assertThat(fromConf.exitCode()).isZero();
    assertThat(overridden.exitCode()).isZero();
    assertThat(requests).hasSize(2);
    assertThat(requests.get(0).header("X-FastCI-Signature"))
        .isEqualTo("sha256=" + hmac("from-conf", requests.get(0).body()));
    assertThat(requests.get(1).header("X-FastCI-Signature"))
        .isEqualTo("sha256=" + hmac("from-env", requests.get(1).body()));
  }

  @Test
  void aServerThatIsDownIsAWarningAndTheHookStillExitsZeroQuickly() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    String input = OLD + " " + NEW + " refs/heads/main\n" + OLD + " " + NEW + " refs/heads/dev\n";

    Run run =
        hook(
            dir,
            input,
            Map.of("FASTCI_URL", "http://127.0.0.1:" + closedPort, "FASTCI_HOOK_SECRET", SECRET));

    System.out.printf("post-receive with the server down: %d ms for 2 refs%n", run.millis());
    assertThat(run.exitCode()).isZero();
    // a functional bound, not a speed figure: a hook that waited out curl's --connect-timeout 2
    // on each of the 2 refs would take 4 s
    assertThat(run.millis()).isLessThan(3000);
    assertThat(run.err())
        .contains("fastci: warning: could not reach")
        .contains("refs/heads/main")
        .contains("refs/heads/dev");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aNon2xxAnswerIsAWarningAndTheHookStillExitsZero() throws Exception {
    status = 401;
    answer = "{\"error\":\"bad signature\"}";

    Run run =
        hook(
            dir,
            OLD + " " + NEW + " refs/heads/main\n",
            Map.of("FASTCI_URL", url, "FASTCI_HOOK_SECRET", SECRET));

    assertThat(run.exitCode()).isZero();
    assertThat(run.err())
        .contains("fastci: warning:")
        .contains("answered 401")
        .contains("bad signature");
    assertThat(run.out()).isEmpty();
    assertThat(requests).hasSize(1);
  }

  @Test
  void withoutSettingsItWarnsAndExitsZero() throws Exception {
    Run run = hook(dir, OLD + " " + NEW + " refs/heads/main\n", Map.of());

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).contains("fastci: warning: FASTCI_URL or FASTCI_HOOK_SECRET is not set");
    assertThat(requests).isEmpty();
  }

  @Test
  @Tag("timing")
  void isQuickAgainstALiveServer() throws Exception {
    String input = OLD + " " + NEW + " refs/heads/main\n";
    Map<String, String> env = Map.of("FASTCI_URL", url, "FASTCI_HOOK_SECRET", SECRET);
    hook(dir, input, env); // warm up
    List<Long> hookMillis = new ArrayList<>();
    List<Long> emptyShellMillis = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      Run run = hook(dir, input, env);
      assertThat(run.exitCode()).isZero();
      assertThat(run.out()).contains("started 2 pipeline(s)");
      hookMillis.add(run.millis());
      emptyShellMillis.add(timeEmptyShell());
    }
    long hook = median(hookMillis);
    long shell = median(emptyShellMillis);
    System.out.printf(
        "post-receive against the live test server, 1 ref: median %d ms (runs %s); an empty `sh -c :`"
            + " takes %d ms here%n",
        hook, hookMillis, shell);
    assertThat(hook - shell).isLessThan(1000);
  }

  private Run hook(Path cwd, String input, Map<String, String> env) throws Exception {
    return hook(script(), cwd, input, env);
  }

  /** Runs the script as git would (cwd the git dir, GIT_DIR=.) with only these FASTCI_ settings. */
  private Run hook(Path script, Path cwd, String input, Map<String, String> env) throws Exception {
    ProcessBuilder builder = new ProcessBuilder("sh", script.toString()).directory(cwd.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("FASTCI_"));
    builder.environment().put("GIT_DIR", ".");
    builder.environment().putAll(env);
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    long start = System.nanoTime();
    Process process = builder.start();
    process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    Run run = new Run(process.exitValue(), Files.readString(out), Files.readString(err), millis);
    Files.delete(out);
    Files.delete(err);
    return run;
  }

  private static long timeEmptyShell() throws Exception {
    long start = System.nanoTime();
    Process process = new ProcessBuilder("sh", "-c", ":").start();
    process.getOutputStream().close();
    process.waitFor(10, TimeUnit.SECONDS);
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  private static long median(List<Long> values) {
    return values.stream().sorted().toList().get(values.size() / 2);
  }

  /** hooks/post-receive of this project: up from the working directory. */
  static Path script() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path script = d.resolve("hooks/post-receive");
      if (Files.isRegularFile(script)) {
        return script;
      }
    }
    throw new IllegalStateException("no hooks/post-receive above " + Path.of("").toAbsolutePath());
  }

  private static String hmac(String secret, String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }
}
