package dev.fastci.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.fastci.server.FastciProperties;
import dev.fastci.server.runs.RunControls;
import dev.fastci.server.runs.RunService;
import dev.fastci.server.runs.RunStore;
import dev.fastci.server.security.SecurityConfiguration;
import dev.fastci.testing.StoreSlice;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.HttpEncodingAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * The body limit on a real Tomcat, over a plain socket so that the request really is chunked (no
 * Content-Length): the server stops reading at the limit and answers 413 with a JSON error.
 */
@SpringBootTest(
    classes = RequestBodyLimitServerTest.Server.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"fastci.api-token=test-token", "server.address=127.0.0.1"})
class RequestBodyLimitServerTest {
  static final int MIB = 1024 * 1024;

  @LocalServerPort int port;
  @MockitoBean RunService runs;
  @MockitoBean RunControls controls;
  @MockitoBean RunStore store;

  /** Only the web layer: Tomcat, MVC, security, the API controller and the limit filter. */
  @Configuration(
      proxyBeanMethods = false) // not @SpringBootConfiguration: slice tests would find it
  @EnableConfigurationProperties(FastciProperties.class)
  @ImportAutoConfiguration({
    ServletWebServerFactoryAutoConfiguration.class,
    DispatcherServletAutoConfiguration.class,
    WebMvcAutoConfiguration.class,
    HttpMessageConvertersAutoConfiguration.class,
    JacksonAutoConfiguration.class,
    HttpEncodingAutoConfiguration.class,
    SecurityAutoConfiguration.class,
    SecurityFilterAutoConfiguration.class
  })
  @Import({
    SecurityConfiguration.class,
    StoreSlice.class,
    RequestBodyLimitFilter.class,
    PipelineApiController.class,
    ApiExceptionHandler.class
  })
  static class Server {}

  @Test
  void aChunkedBodyOverTheLimitIs413WithAJsonErrorAndStartsNothing() throws IOException {
    String answer = post(spaces(MIB + 16 * 1024), true);
    assertThat(answer).startsWith("HTTP/1.1 413 ");
    assertThat(answer).contains("application/json").contains("larger than 1048576 bytes");
    verifyNoInteractions(runs, store);
  }

  @Test
  void aBodyWithAContentLengthOverTheLimitIs413() throws IOException {
    String answer = post(spaces(MIB + 1), false);
    assertThat(answer).startsWith("HTTP/1.1 413 ").contains("larger than 1048576 bytes");
    verifyNoInteractions(runs, store);
  }

  @Test
  void aChunkedBodyOfExactlyTheLimitIsTakenIn() throws IOException {
    when(runs.submit(any(), any(), any(), any(), any())).thenReturn("r1");
    String answer = post(spaces(MIB), true);
    assertThat(answer).startsWith("HTTP/1.1 201 ").contains("\"id\":\"r1\"");
    verify(runs).submit(any(), any(), any(), any(), any());
  }

  /** Sends POST /api/pipelines and returns the whole answer, status line and headers included. */
  private String post(byte[] body, boolean chunked) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = new BufferedOutputStream(socket.getOutputStream());
      String head =
          "POST /api/pipelines HTTP/1.1\r\n"
              + "Host: 127.0.0.1:"
              + port
              + "\r\n"
              + "Authorization: Bearer test-token\r\n"
              + "Content-Type: application/json\r\n"
              + "Connection: close\r\n"
              + (chunked
                  ? "Transfer-Encoding: chunked\r\n"
                  : "Content-Length: " + body.length + "\r\n")
              + "\r\n";
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      if (chunked) {
        for (int offset = 0; offset < body.length; offset += 8192) {
          int n = Math.min(8192, body.length - offset);
          out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
          out.write(body, offset, n);
          out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      } else {
        out.write(body);
      }
      out.flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static byte[] spaces(int length) {
    byte[] body = new byte[length];
    Arrays.fill(body, (byte) ' ');
    return body;
  }
}
