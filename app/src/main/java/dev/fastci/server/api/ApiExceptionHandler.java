package dev.fastci.server.api;

import dev.fastci.server.runs.RunConflictException;
import dev.fastci.server.runs.RunNotFoundException;
import dev.fastci.spec.InvalidSpecException;
import dev.fastci.spec.SpecError;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Errors of the JSON API, each with a message that says what to fix. */
@RestControllerAdvice(
    basePackages = {
      "dev.fastci.server.api",
      "dev.fastci.server.logs",
      "dev.fastci.server.artifacts",
      "dev.fastci.server.schedules"
    })
class ApiExceptionHandler {

  @ExceptionHandler(InvalidSpecException.class)
  ResponseEntity<Map<String, List<SpecError>>> invalidSpec(InvalidSpecException e) {
    return ResponseEntity.badRequest()
        .contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("errors", e.errors()));
  }

  @ExceptionHandler(RunNotFoundException.class)
  ResponseEntity<Map<String, String>> notFound(RunNotFoundException e) {
    return error(HttpStatus.NOT_FOUND, e.getMessage());
  }

  @ExceptionHandler(RunConflictException.class)
  ResponseEntity<Map<String, String>> conflict(RunConflictException e) {
    return error(HttpStatus.CONFLICT, e.getMessage());
  }

  @ExceptionHandler(PipelineApiController.UnsupportedSpecType.class)
  ResponseEntity<Map<String, String>> unsupportedType(RuntimeException e) {
    return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, e.getMessage());
  }

  @ExceptionHandler({IllegalArgumentException.class, MethodArgumentTypeMismatchException.class})
  ResponseEntity<Map<String, String>> badParameter(Exception e) {
    return error(HttpStatus.BAD_REQUEST, e.getMessage());
  }

  static ResponseEntity<Map<String, String>> error(HttpStatus status, String message) {
    // JSON even when the client asked for text/plain (the log route): else no converter fits and
    // the error turns into a 500
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("error", message));
  }
}
