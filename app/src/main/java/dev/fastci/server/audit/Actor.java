package dev.fastci.server.audit;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Who did something: a user and, for an API call, the name of the personal token they used; or one
 * of FastCI's own actors ({@code hook}, {@code schedule}, {@code forge}, {@code cli}).
 *
 * @param user the user name, or the actor's name
 * @param token the personal token's name, or null
 * @param address the client's address, or null when there is no request
 */
public record Actor(String user, String token, String address) {
  /** The actor of the runs the signed git hook starts. */
  public static final String HOOK = "hook";

  /** The actor of the runs a forge's webhook starts. */
  public static final String FORGE = "forge";

  /** The command line working on the data dir ({@code fastci user ...}). */
  public static final String CLI = "cli";

  /** The server itself (the admin account made or reset at start). */
  public static final String SYSTEM = "system";

  /** The logged-in user or the token of the current request; {@code anonymous} without one. */
  public static Actor current() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
      return new Actor("anonymous", null, requestAddress());
    }
    String token = auth.getDetails() instanceof TokenName name ? name.value() : null;
    return new Actor(auth.getName(), token, requestAddress());
  }

  /** One of FastCI's own actors, from the current request's address when there is one. */
  public static Actor named(String name) {
    return new Actor(name, null, requestAddress());
  }

  /** Who starts a run with this trigger: the hook for a push, else the caller. */
  public static Actor starting(String triggerType) {
    return "push".equals(triggerType) ? named(HOOK) : current();
  }

  /** The address of the current HTTP request's client, or null outside a request. */
  public static String requestAddress() {
    return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
        ? request.getRequest().getRemoteAddr()
        : null;
  }

  /** "alice (token ci)", "hook". */
  public String shown() {
    return token == null ? user : user + " (token " + token + ")";
  }

  /**
   * What an API call's authentication carries as its details: the name of the personal token (or of
   * the server-wide token) it was made with.
   */
  public record TokenName(String value) {}
}
