package dev.fastci.server.ui;

import dev.fastci.server.repos.RepoNotFoundException;
import dev.fastci.server.runs.RunNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/** An unknown run, job or repository in the UI is a 404 page, not a stack trace. */
@ControllerAdvice(basePackages = "dev.fastci.server.ui")
class UiExceptionHandler {
  static final String VIEW = "error";

  @ExceptionHandler({RunNotFoundException.class, RepoNotFoundException.class})
  ModelAndView notFound(RuntimeException e) {
    ModelAndView page = new ModelAndView(VIEW, HttpStatus.NOT_FOUND);
    page.addObject("status", 404);
    page.addObject("error", "Not found");
    page.addObject("message", e.getMessage());
    return page;
  }
}
