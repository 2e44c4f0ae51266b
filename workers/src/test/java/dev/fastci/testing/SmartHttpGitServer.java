package dev.fastci.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.RefAdvertiser;
import org.eclipse.jgit.transport.UploadPack;

/**
 * Git's smart HTTP protocol (fetch only) with HTTP basic authentication, served by JGit's own
 * {@link UploadPack} on the JDK's HTTP server: what a forge serves clones with. Every request
 * without the right user name and token is answered 401, as a private repository on a forge is.
 */
public final class SmartHttpGitServer implements AutoCloseable {
  private final HttpServer server;
  private final String username;
  private final String token;
  private final Map<String, Repository> repositories = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();

  private SmartHttpGitServer(String username, String token) throws IOException {
    this.username = username;
    this.token = token;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /**
   * A server that lets in only {@code username} with {@code token} as the password; any user name
   * with the token when {@code username} is null (as GitHub and Gitea take a token).
   */
  public static SmartHttpGitServer start(String username, String token) throws IOException {
    return new SmartHttpGitServer(username, token);
  }

  /** Serves the repository at {@code gitDir} as {@code /<name>.git}; returns its clone URL. */
  public String serve(String name, Path gitDir) throws IOException {
    repositories.put(
        "/" + name + ".git", new FileRepositoryBuilder().setGitDir(gitDir.toFile()).build());
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name + ".git";
  }

  /** Every request so far: "GET /o/r.git/info/refs 200", "POST ... 401". */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String line = exchange.getRequestMethod() + " " + path;
      if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
        requests.add(line + " 401");
        exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      Repository repository = repositoryOf(path);
      if (repository == null) {
        requests.add(line + " 404");
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      requests.add(line + " 200");
      if (path.endsWith("/info/refs")) {
        advertise(exchange, repository);
      } else if (path.endsWith("/git-upload-pack")) {
        uploadPack(exchange, repository);
      } else {
        exchange.sendResponseHeaders(404, -1);
      }
    }
  }

  private boolean authorized(String header) {
    if (header == null || !header.startsWith("Basic ")) {
      return false;
    }
    String pair =
        new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
    int colon = pair.indexOf(':');
    return colon > 0
        && (username == null || username.equals(pair.substring(0, colon)))
        && token.equals(pair.substring(colon + 1));
  }

  private Repository repositoryOf(String path) {
    return repositories.entrySet().stream()
        .filter(e -> path.startsWith(e.getKey() + "/"))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }

  private static void advertise(HttpExchange exchange, Repository repository) throws IOException {
    exchange
        .getResponseHeaders()
        .add("Content-Type", "application/x-git-upload-pack-advertisement");
    exchange.getResponseHeaders().add("Cache-Control", "no-cache");
    exchange.sendResponseHeaders(200, 0);
    OutputStream body = exchange.getResponseBody();
    PacketLineOut out = new PacketLineOut(body);
    out.writeString("# service=git-upload-pack\n");
    out.end();
    UploadPack pack = new UploadPack(repository);
    pack.setBiDirectionalPipe(false);
    pack.sendAdvertisedRefs(new RefAdvertiser.PacketLineOutRefAdvertiser(out));
    body.flush();
  }

  private static void uploadPack(HttpExchange exchange, Repository repository) throws IOException {
    InputStream in = exchange.getRequestBody();
    if ("gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
      in = new GZIPInputStream(in);
    }
    exchange.getResponseHeaders().add("Content-Type", "application/x-git-upload-pack-result");
    exchange.sendResponseHeaders(200, 0);
    UploadPack pack = new UploadPack(repository);
    pack.setBiDirectionalPipe(false);
    pack.upload(in, exchange.getResponseBody(), null);
  }

  @Override
  public void close() {
    server.stop(0);
    repositories.values().forEach(Repository::close);
  }
}
