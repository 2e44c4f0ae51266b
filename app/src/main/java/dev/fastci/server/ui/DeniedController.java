package dev.fastci.server.ui;

import dev.fastci.server.security.UiSecurityConfiguration;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/** The 403 page: the security chain forwards here, saying which role the action needs. */
@Controller
class DeniedController {

  @RequestMapping("/denied")
  ModelAndView denied(HttpServletRequest request) {
    Object why = request.getAttribute(UiSecurityConfiguration.DENIED_MESSAGE);
    ModelAndView page = new ModelAndView(UiExceptionHandler.VIEW, HttpStatus.FORBIDDEN);
    page.addObject("status", 403);
    page.addObject("error", "Forbidden");
    page.addObject("message", why == null ? "You may not do this." : why.toString());
    return page;
  }
}
