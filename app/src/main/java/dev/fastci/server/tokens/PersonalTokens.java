package dev.fastci.server.tokens;

import dev.fastci.server.audit.Actor;
import dev.fastci.server.audit.AuditLog;
import dev.fastci.server.users.Role;
import dev.fastci.server.users.UserNotFoundException;
import dev.fastci.server.users.UserStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Personal API tokens: 256 random bits, shown once; the store keeps only their SHA-256. A token
 * acts as its user with its own role, and never above the user's role of the moment.
 */
@Service
public class PersonalTokens {
  /** Every personal token starts with it, so a leaked one is easy to recognise. */
  public static final String PREFIX = "fci_";

  static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._ -]{0,99}");
  private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ApiTokenStore store;
  private final UserStore users;
  private final AuditLog audit;
  private final Clock clock;

  @Autowired
  public PersonalTokens(ApiTokenStore store, UserStore users, AuditLog audit) {
    this(store, users, audit, Clock.systemUTC());
  }

  /** Tokens on a store of their own: the command line's, working on the data dir. */
  public static PersonalTokens on(JdbcClient jdbc, UserStore users, AuditLog audit) {
    return new PersonalTokens(new ApiTokenStore(jdbc), users, audit);
  }

  PersonalTokens(ApiTokenStore store, UserStore users, AuditLog audit, Clock clock) {
    this.store = store;
    this.users = users;
    this.audit = audit;
    this.clock = clock;
  }

  /** A new token; {@code token} is shown only this once. */
  public record Created(String id, String token, String name, Role role, Instant expiresAt) {}

  /** Who an API call with a token acts as: the user, the token's name, the role it acts with. */
  public record Owner(String user, String token, Role role) {}

  /**
   * @param role null for the user's own role; never above it
   * @param expiresAt null for a token that does not expire
   */
  public Created create(Actor actor, String user, String name, String role, Instant expiresAt) {
    return audit.recorded(
        actor,
        "token.create",
        "token " + name + " of " + user,
        null,
        () -> {
          Role userRole = userRole(user);
          Role chosen = role == null ? userRole : Role.parse(role, "role");
          if (!userRole.atLeast(chosen)) {
            throw new IllegalArgumentException(
                "role: may be at most " + userRole.shown() + ", the role of " + user);
          }
          if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                "name: must be 1 to 100 of A-Z a-z 0-9 . _ - and spaces, got "
                    + (name == null ? "nothing" : name));
          }
          Instant now = clock.instant();
          if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw new IllegalArgumentException("expiresAt: must be in the future");
          }
          String token = PREFIX + random();
          TokenView view =
              new TokenView(UUID.randomUUID().toString(), name, chosen, now, expiresAt, null);
          store.insert(user, view, hash(token));
          return new Created(view.id(), token, name, chosen, expiresAt);
        });
  }

  /** The user's tokens, oldest first. */
  public List<TokenView> list(String user) {
    userRole(user);
    return store.list(user);
  }

  public void revoke(Actor actor, String user, String id) {
    String name = store.name(user, id).orElse(id);
    audit.recorded(
        actor,
        "token.revoke",
        "token " + name + " of " + user,
        null,
        () -> {
          if (!store.delete(user, id)) {
            throw new UserNotFoundException(user + " has no token " + id);
          }
        });
  }

  /**
   * Who the token belongs to, when it is one of ours and has not expired.
   *
   * @throws ExpiredTokenException when it is one of ours that has expired
   */
  public Optional<Owner> authenticate(String token) {
    if (token == null || !token.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String hash = hash(token);
    Optional<ApiTokenStore.Found> found = store.findByHash(hash);
    if (found.isEmpty()
        || !MessageDigest.isEqual( // found by its hash; compared again in constant time
            found.get().hash().getBytes(StandardCharsets.US_ASCII),
            hash.getBytes(StandardCharsets.US_ASCII))) {
      return Optional.empty();
    }
    ApiTokenStore.Found row = found.get();
    Instant now = clock.instant();
    if (row.expiresAt() != null && !row.expiresAt().isAfter(now)) {
      throw new ExpiredTokenException(
          "token " + row.name() + " of " + row.user() + " expired at " + row.expiresAt());
    }
    if (row.lastUsedAt() == null || row.lastUsedAt().plus(TOUCH_EVERY).isBefore(now)) {
      store.touch(row.id(), now);
    }
    return Optional.of(new Owner(row.user(), row.name(), row.role().atMost(row.userRole())));
  }

  private Role userRole(String user) {
    return users
        .find(user)
        .map(UserStore.StoredUser::role)
        .orElseThrow(() -> new UserNotFoundException("no user " + user));
  }

  private static String random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String hash(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  /** A token of ours past its expiry: the API answers 401 saying so. */
  public static class ExpiredTokenException extends RuntimeException {
    ExpiredTokenException(String message) {
      super(message);
    }
  }
}
