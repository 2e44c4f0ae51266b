package dev.fastci.server.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fastci.server.users.Role;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;

/** The JSON error bodies the API's security writes: {@code {"error"}}, plus {@code "role"}. */
final class ApiErrors {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ApiErrors() {}

  /**
   * @param role the role the call needs, or null
   */
  static void write(HttpServletResponse response, int status, String message, Role role)
      throws IOException {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("error", message);
    if (role != null) {
      body.put("role", role.shown());
    }
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write(JSON.writeValueAsString(body));
  }
}
