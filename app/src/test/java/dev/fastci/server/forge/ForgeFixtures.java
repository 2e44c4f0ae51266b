package dev.fastci.server.forge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The real webhook payloads under {@code forge-fixtures/} (see its README for where each comes
 * from), changed where a test needs it, and signed as each forge signs them.
 */
public final class ForgeFixtures {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ForgeFixtures() {}

  /** The fixture's bytes, exactly as stored. */
  public static byte[] load(String path) {
    try (InputStream in = ForgeFixtures.class.getResourceAsStream("/forge-fixtures/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The fixture with some of its fields changed, as JSON bytes. */
  public static byte[] changed(String path, Consumer<ObjectNode> change) {
    try {
      ObjectNode tree = (ObjectNode) JSON.readTree(load(path));
      change.accept(tree);
      return JSON.writeValueAsBytes(tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The node at a dotted path of the tree (an object), for changing its fields. */
  public static ObjectNode at(ObjectNode tree, String path) {
    ObjectNode node = tree;
    for (String part : path.split("\\.")) {
      node = (ObjectNode) node.get(part);
    }
    return node;
  }

  /** GitHub's headers: the event, a fresh delivery id, the body's signature. */
  public static Map<String, String> github(String event, byte[] body, String secret) {
    Map<String, String> headers = json();
    headers.put("X-GitHub-Event", event);
    headers.put("X-GitHub-Delivery", UUID.randomUUID().toString());
    headers.put("X-Hub-Signature-256", "sha256=" + Signatures.hmacSha256Hex(secret, body));
    return headers;
  }

  /** Gitea's headers (Forgejo sends the same with X-Forgejo-* names too). */
  public static Map<String, String> gitea(String event, byte[] body, String secret) {
    Map<String, String> headers = json();
    headers.put("X-Gitea-Event", event);
    headers.put("X-Gitea-Delivery", UUID.randomUUID().toString());
    headers.put("X-Gitea-Signature", Signatures.hmacSha256Hex(secret, body));
    return headers;
  }

  /** GitLab's headers: the event, a fresh event UUID, the secret token as it is. */
  public static Map<String, String> gitlab(String event, String secret) {
    Map<String, String> headers = json();
    headers.put("X-Gitlab-Event", event);
    headers.put("X-Gitlab-Event-UUID", UUID.randomUUID().toString());
    headers.put("X-Gitlab-Token", secret);
    return headers;
  }

  public static HookRequest request(Map<String, String> headers, byte[] body) {
    return new HookRequest(headers, body);
  }

  public static String text(byte[] body) {
    return new String(body, StandardCharsets.UTF_8);
  }

  private static Map<String, String> json() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    return headers;
  }
}
