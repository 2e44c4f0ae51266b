package dev.fastci.server.security;

import dev.fastci.server.audit.Actor;
import dev.fastci.server.audit.AuditLog;
import dev.fastci.server.audit.Outcome;
import dev.fastci.server.users.Role;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfException;

/** What a refused request is told (and the audit log records): the role it needed. */
final class Denials {
  private Denials() {}

  /** Why the request was refused, in words; null when it was not for want of a role. */
  static RoleRules.Decision decision(AccessDeniedException denied) {
    return denied instanceof AuthorizationDeniedException authorization
            && authorization.getAuthorizationResult() instanceof RoleRules.Decision decision
        ? decision
        : null;
  }

  static String message(HttpServletRequest request, AccessDeniedException denied) {
    if (denied instanceof CsrfException) {
      return "the form's CSRF token is missing or expired: reload the page and try again";
    }
    RoleRules.Decision decision = decision(denied);
    String what = request.getMethod() + " " + request.getRequestURI();
    if (decision == null) {
      return what + " is not allowed";
    }
    Actor actor = Actor.current();
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    String role =
        auth == null ? "none" : Role.highest(auth.getAuthorities()).map(Role::shown).orElse("none");
    return what + " needs " + decision.needed() + "; " + actor.shown() + " has the role " + role;
  }

  /** Records a refusal for want of a role (not a CSRF failure) in the audit log. */
  static void audit(AuditLog audit, HttpServletRequest request, AccessDeniedException denied) {
    RoleRules.Decision decision = decision(denied);
    if (decision != null) {
      audit.record(
          Actor.current(),
          "access.denied",
          request.getMethod() + " " + request.getRequestURI(),
          null,
          Outcome.DENIED,
          "needs " + decision.needed());
    }
  }
}
