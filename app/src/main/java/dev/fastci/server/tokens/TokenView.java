package dev.fastci.server.tokens;

import dev.fastci.server.users.Role;
import java.time.Instant;

/**
 * A personal token as its owner and the admins see it: never the token, which is shown once.
 *
 * @param expiresAt null for a token that does not expire
 * @param lastUsedAt to the minute; null when never used
 */
public record TokenView(
    String id, String name, Role role, Instant createdAt, Instant expiresAt, Instant lastUsedAt) {

  public boolean expired(Instant now) {
    return expiresAt != null && !expiresAt.isAfter(now);
  }
}
