package dev.fastci.server.api;

import dev.fastci.server.FastciProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * Refuses API request bodies larger than {@code fastci.limits.max-body-bytes} with 413 and a JSON
 * error: at once when the Content-Length says so, and for a body without one (chunked) as soon as
 * reading it passes the limit, so an endless body is never held in memory. Runs before the security
 * filters, so it guards every {@code /api/**} route, the git hook included. {@link LimitedRequest}
 * cuts the body stream at the limit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class RequestBodyLimitFilter extends OncePerRequestFilter {
  private static final UrlPathHelper PATHS = new UrlPathHelper();

  private final long maxBytes;

  public RequestBodyLimitFilter(FastciProperties properties) {
    this.maxBytes = properties.limits().maxBodyBytes();
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = PATHS.getPathWithinApplication(request);
    return !(path.equals("/api") || path.startsWith("/api/"));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > maxBytes) {
      refuse(response);
      return;
    }
    LimitedRequest limited = new LimitedRequest(request, maxBytes);
    try {
      chain.doFilter(limited, response);
    } catch (ServletException | IOException | RuntimeException e) {
      if (!limited.exceeded() || response.isCommitted()) {
        throw e;
      }
      refuse(response);
      return;
    }
    if (limited.exceeded() && !response.isCommitted()) {
      refuse(response); // a handler swallowed the exception and answered something else
    }
  }

  private void refuse(HttpServletResponse response) throws IOException {
    response.reset();
    response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response
        .getWriter()
        .write(
            "{\"error\":\"the request body is larger than "
                + maxBytes
                + " bytes (fastci.limits.max-body-bytes)\"}");
  }
}
