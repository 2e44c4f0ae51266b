package dev.fastci.server.users;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Errors of the users, tokens and audit APIs as {@code {"error": "..."}}, naming the field: 400 for
 * bad input, 404 for an unknown user or token, 409 for a clash.
 */
@RestControllerAdvice(
    basePackages = {
      "dev.fastci.server.users",
      "dev.fastci.server.tokens",
      "dev.fastci.server.audit"
    })
class AccountApiErrors {

  @ExceptionHandler(UserNotFoundException.class)
  ResponseEntity<Map<String, String>> notFound(UserNotFoundException e) {
    return error(HttpStatus.NOT_FOUND, e.getMessage());
  }

  @ExceptionHandler(UserConflictException.class)
  ResponseEntity<Map<String, String>> conflict(UserConflictException e) {
    return error(HttpStatus.CONFLICT, e.getMessage());
  }

  @ExceptionHandler({IllegalArgumentException.class, MethodArgumentTypeMismatchException.class})
  ResponseEntity<Map<String, String>> badInput(Exception e) {
    return error(HttpStatus.BAD_REQUEST, e.getMessage());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, String>> unreadable(HttpMessageNotReadableException e) {
    return error(
        HttpStatus.BAD_REQUEST,
        "the body must be a JSON object with the documented fields: "
            + e.getMostSpecificCause().getMessage());
  }

  private static ResponseEntity<Map<String, String>> error(HttpStatus status, String message) {
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("error", message));
  }
}
