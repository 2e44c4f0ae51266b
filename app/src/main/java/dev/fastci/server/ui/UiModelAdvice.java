package dev.fastci.server.ui;

import java.security.Principal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's layout needs: who is logged in (null on the login page). */
@ControllerAdvice(basePackages = "dev.fastci.server.ui")
class UiModelAdvice {

  @ModelAttribute("user")
  String user(Principal principal) {
    return principal == null ? null : principal.getName();
  }
}
