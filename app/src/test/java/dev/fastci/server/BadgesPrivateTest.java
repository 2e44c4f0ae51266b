package dev.fastci.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With {@code fastci.badges.public=false} a badge needs the web UI's login. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "fastci.api-token=private-badges",
      "fastci.backend=dummy",
      "fastci.worker.host-id=badges-host",
      "fastci.janitor.every=1h",
      "fastci.badges.public=false"
    })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class BadgesPrivateTest {
  @TempDir static Path dataDir;

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) {
    registry.add("fastci.data-dir", () -> dataDir.toString());
  }

  @LocalServerPort int port;

  @Test
  void aBadgeWithoutALoginIsSentToTheLoginPage() {
    HttpResponse<String> badge =
        new ServerApi("http://127.0.0.1:" + port, null).get("/badge/any.svg?branch=main");

    assertThat(badge.statusCode()).isEqualTo(302);
    assertThat(badge.headers().firstValue("Location").orElse("")).endsWith("/login");
  }
}
