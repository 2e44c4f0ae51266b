package dev.fastci.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The throttle's window, on a clock the test moves. */
class LoginThrottleTest {
  private Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private final LoginThrottle throttle =
      new LoginThrottle(
          new Clock() {
            @Override
            public Instant instant() {
              return now;
            }

            @Override
            public java.time.ZoneId getZone() {
              return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
              return this;
            }
          });

  @Test
  void aUserNameIsFreeAgainOnceTheWindowSinceItsFirstFailurePassed() {
    for (int i = 0; i < LoginThrottle.MAX_PER_USER; i++) {
      assertThat(throttle.wait("bob", "a1")).isEmpty();
      throttle.failed("bob", "a1");
      now = now.plusSeconds(60);
    }
    assertThat(throttle.wait("bob", "a2")).contains(Duration.ofMinutes(10));

    now = now.plus(Duration.ofMinutes(10));
    assertThat(throttle.wait("bob", "a2")).isEmpty();
  }

  @Test
  void aSuccessClearsTheUserButNotTheAddress() {
    for (int i = 0; i < LoginThrottle.MAX_PER_ADDRESS; i++) {
      throttle.failed(i < 4 ? "bob" : "other-" + i, "a1");
    }
    throttle.succeeded("bob");

    assertThat(throttle.wait("bob", "a2")).isEmpty();
    assertThat(throttle.wait("bob", "a1")).contains(LoginThrottle.WINDOW);
  }
}
