package dev.fastci.server.api;

import dev.fastci.server.FastciProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
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
 * filters, so it guards every {@code /api/**} route, the git hook included.
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

  /** Thrown by the wrapped stream once the body passes the limit; the filter answers 413. */
  static final class BodyTooLargeException extends RuntimeException {
    BodyTooLargeException(long maxBytes) {
      super("the request body is larger than " + maxBytes + " bytes");
    }
  }

  /** The request with its body stream cut at the limit. */
  private static final class LimitedRequest extends HttpServletRequestWrapper {
    private final long maxBytes;
    private LimitedInputStream stream;
    private BufferedReader reader;

    LimitedRequest(HttpServletRequest request, long maxBytes) {
      super(request);
      this.maxBytes = maxBytes;
    }

    boolean exceeded() {
      return stream != null && stream.exceeded;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream = new LimitedInputStream(super.getInputStream(), maxBytes);
      }
      return stream;
    }

    @Override
    public BufferedReader getReader() throws IOException {
      if (reader == null) {
        String encoding = getCharacterEncoding();
        Charset charset =
            encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
        reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
      }
      return reader;
    }
  }

  private static final class LimitedInputStream extends ServletInputStream {
    private final ServletInputStream in;
    private final long maxBytes;
    private long count;
    private boolean exceeded;

    LimitedInputStream(ServletInputStream in, long maxBytes) {
      this.in = in;
      this.maxBytes = maxBytes;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        counted(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        counted(n);
      }
      return n;
    }

    private void counted(int n) {
      count += n;
      if (count > maxBytes) {
        exceeded = true;
        throw new BodyTooLargeException(maxBytes);
      }
    }

    @Override
    public int available() throws IOException {
      return in.available();
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
