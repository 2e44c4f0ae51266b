package dev.fastci.server.forge;

import java.net.URI;
import java.util.Map;

/** A commit status as one forge's API takes it: a POST of a JSON body, with the token's header. */
public record StatusCall(URI uri, Map<String, String> headers, String json) {
  public StatusCall {
    headers = Map.copyOf(headers);
  }

  @Override
  public String toString() {
    return "POST " + uri; // the headers hold the token
  }
}
