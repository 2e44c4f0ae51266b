package dev.fastci.server.security;

import dev.fastci.server.users.Role;
import java.util.function.Supplier;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * The rules the security chains check each request against. A refusal says what was needed, so that
 * the 403 can name the role.
 */
final class RoleRules {
  private RoleRules() {}

  /** A rule's decision, with what it needs in words ("the operator role"). */
  static final class Decision extends AuthorizationDecision {
    private final Role role;
    private final String needed;

    Decision(boolean granted, Role role, String needed) {
      super(granted);
      this.role = role;
      this.needed = needed;
    }

    /** The least role that would do. */
    Role role() {
      return role;
    }

    String needed() {
      return needed;
    }
  }

  /** Granted to a caller whose role is this one or above. */
  static AuthorizationManager<RequestAuthorizationContext> atLeast(Role role) {
    return (authentication, context) ->
        new Decision(has(authentication, role), role, "the " + role.shown() + " role");
  }

  /**
   * Granted to admins and to the user the path's {@code {name}} names: a user manages their own
   * tokens.
   */
  static AuthorizationManager<RequestAuthorizationContext> selfOrAdmin() {
    return (authentication, context) -> {
      Authentication auth = authentication.get();
      boolean self =
          auth != null
              && auth.isAuthenticated()
              && auth.getName().equals(context.getVariables().get("name"));
      return new Decision(
          self || has(authentication, Role.ADMIN),
          Role.ADMIN,
          "the admin role (or to be the user " + context.getVariables().get("name") + ")");
    };
  }

  private static boolean has(Supplier<Authentication> authentication, Role role) {
    Authentication auth = authentication.get();
    return auth != null
        && auth.isAuthenticated()
        && auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(role.authority()));
  }
}
