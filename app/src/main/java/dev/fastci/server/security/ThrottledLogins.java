package dev.fastci.server.security;

import java.time.Duration;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/** The form login's password check, behind the {@link LoginThrottle}. */
final class ThrottledLogins implements AuthenticationProvider {
  private final AuthenticationProvider passwords;
  private final LoginThrottle throttle;

  ThrottledLogins(AuthenticationProvider passwords, LoginThrottle throttle) {
    this.passwords = passwords;
    this.throttle = throttle;
  }

  /** Refused before the password was even looked at: too many failures. */
  static final class Throttled extends AuthenticationException {
    Throttled(String user, Duration wait) {
      super(
          "Too many failed logins for "
              + user
              + " or from this address: try again in "
              + Math.max(1, (wait.toSeconds() + 59) / 60)
              + " minute(s).");
    }
  }

  @Override
  public Authentication authenticate(Authentication login) {
    String user = login.getName();
    String address =
        login.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
    var wait = throttle.wait(user, address);
    if (wait.isPresent()) {
      throw new Throttled(user, wait.get());
    }
    Authentication done;
    try {
      done = passwords.authenticate(login);
    } catch (BadCredentialsException wrong) {
      throttle.failed(user, address);
      throw wrong;
    }
    throttle.succeeded(user);
    return done;
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return passwords.supports(authentication);
  }
}
