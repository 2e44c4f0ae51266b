package dev.fastci.server.ui;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The login page; Spring Security handles the POST. */
@Controller
class LoginController {
  static final String VIEW = "login";

  @GetMapping("/login")
  String login() {
    return VIEW;
  }
}
