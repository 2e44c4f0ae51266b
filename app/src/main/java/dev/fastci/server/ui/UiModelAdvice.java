package dev.fastci.server.ui;

import java.security.Principal;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every page's layout needs: who is logged in (null on the login page) and what their role
 * lets them do.
 */
@ControllerAdvice(
    basePackages = {
      "dev.fastci.server.ui",
      "dev.fastci.server.caches",
      "dev.fastci.server.users",
      "dev.fastci.server.tokens",
      "dev.fastci.server.audit"
    })
class UiModelAdvice {

  @ModelAttribute("user")
  String user(Principal principal) {
    return principal == null ? null : principal.getName();
  }

  @ModelAttribute("can")
  Permissions can(Authentication auth) {
    return Permissions.of(auth);
  }

  /** {@code ${times.of(instant)}} writes a time as every page does: UTC, to the second. */
  @ModelAttribute("times")
  Times times() {
    return Times.INSTANCE;
  }
}
