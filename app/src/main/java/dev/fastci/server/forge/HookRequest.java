package dev.fastci.server.forge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/** A webhook delivery: its headers (by any case) and its raw body, whose JSON is read once. */
public final class HookRequest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  private final byte[] body;
  private JsonNode json;

  public HookRequest(Map<String, String> headers, byte[] body) {
    this.headers.putAll(headers);
    this.body = body == null ? new byte[0] : body.clone();
  }

  /** The header's value, or null. */
  public String header(String name) {
    return headers.get(name);
  }

  /** The first of these headers that is present, or null. */
  public String header(String name, String alternative) {
    String value = headers.get(name);
    return value != null ? value : headers.get(alternative);
  }

  public byte[] body() {
    return body.clone();
  }

  /**
   * @throws BadHookException when the body is no JSON object
   */
  public JsonNode json() {
    if (json == null) {
      try {
        JsonNode tree = JSON.readTree(body);
        if (tree == null || !tree.isObject()) {
          throw new BadHookException("the body is not a JSON object");
        }
        json = tree;
      } catch (IOException e) {
        throw new BadHookException(
            "the body is not JSON (the webhook's content type must be application/json)");
      }
    }
    return json;
  }
}
