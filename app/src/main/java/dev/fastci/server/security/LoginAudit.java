package dev.fastci.server.security;

import dev.fastci.server.audit.Actor;
import dev.fastci.server.audit.AuditLog;
import dev.fastci.server.audit.Outcome;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;

/**
 * Records each login and failed login of the web UI in the audit log, then goes on as Spring
 * Security would: to the page asked for, or back to the login form with {@code ?error} (wrong user
 * name or password) or {@code ?throttled} (too many failures; the session holds the wait).
 */
final class LoginAudit implements AuthenticationSuccessHandler, AuthenticationFailureHandler {
  private final AuditLog audit;
  private final SavedRequestAwareAuthenticationSuccessHandler success =
      new SavedRequestAwareAuthenticationSuccessHandler();
  private final SimpleUrlAuthenticationFailureHandler wrong =
      new SimpleUrlAuthenticationFailureHandler("/login?error");
  private final SimpleUrlAuthenticationFailureHandler throttled =
      new SimpleUrlAuthenticationFailureHandler("/login?throttled");

  LoginAudit(AuditLog audit) {
    this.audit = audit;
    success.setDefaultTargetUrl("/");
  }

  @Override
  public void onAuthenticationSuccess(
      HttpServletRequest request, HttpServletResponse response, Authentication authentication)
      throws IOException, ServletException {
    audit.record(
        new Actor(authentication.getName(), null, request.getRemoteAddr()),
        "login",
        "user " + authentication.getName(),
        null,
        Outcome.OK,
        null);
    success.onAuthenticationSuccess(request, response, authentication);
  }

  @Override
  public void onAuthenticationFailure(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
      throws IOException, ServletException {
    String user = request.getParameter("username");
    String name = user == null || user.isBlank() ? "anonymous" : user.strip();
    boolean tooMany = failure instanceof ThrottledLogins.Throttled;
    audit.record(
        new Actor(name, null, request.getRemoteAddr()),
        "login.failed",
        "user " + name,
        null,
        tooMany ? Outcome.DENIED : Outcome.FAILED,
        tooMany ? failure.getMessage() : "wrong user name or password");
    (tooMany ? throttled : wrong).onAuthenticationFailure(request, response, failure);
  }
}
