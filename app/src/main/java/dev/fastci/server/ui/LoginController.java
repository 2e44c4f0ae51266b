package dev.fastci.server.ui;

import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The login page; Spring Security handles the POST. */
@Controller
class LoginController {
  static final String VIEW = "login";

  /** After too many failed logins, the page says how long to wait. */
  @GetMapping("/login")
  String login(HttpSession session, Model model) {
    if (session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION)
        instanceof AuthenticationException failure) {
      model.addAttribute("loginProblem", failure.getMessage());
    }
    return VIEW;
  }
}
