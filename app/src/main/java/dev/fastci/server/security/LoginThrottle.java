package dev.fastci.server.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing: after {@link #MAX_PER_USER} failed logins for one user name, or
 * {@link #MAX_PER_ADDRESS} from one address, within {@link #WINDOW}, that name or address may not
 * try again until the window since its first failure has passed; even a right password is refused
 * then. A successful login clears its user name's count. Kept in memory: a restart forgets it.
 */
final class LoginThrottle {
  static final int MAX_PER_USER = 5;
  static final int MAX_PER_ADDRESS = 20;
  static final Duration WINDOW = Duration.ofMinutes(15);
  private static final int PRUNE_ABOVE = 10_000;

  private final Clock clock;
  private final Map<String, Failures> failures = new ConcurrentHashMap<>();

  LoginThrottle(Clock clock) {
    this.clock = clock;
  }

  private record Failures(int count, Instant first) {}

  /** How long this user name or address must still wait, or empty when it may try now. */
  Optional<Duration> wait(String user, String address) {
    Instant now = clock.instant();
    Duration forUser = waitFor("user:" + user, MAX_PER_USER, now);
    Duration forAddress =
        address == null ? Duration.ZERO : waitFor("address:" + address, MAX_PER_ADDRESS, now);
    Duration longest = forUser.compareTo(forAddress) >= 0 ? forUser : forAddress;
    return longest.isZero() ? Optional.empty() : Optional.of(longest);
  }

  void failed(String user, String address) {
    Instant now = clock.instant();
    count("user:" + user, now);
    if (address != null) {
      count("address:" + address, now);
    }
    if (failures.size() > PRUNE_ABOVE) {
      failures.values().removeIf(f -> !f.first().plus(WINDOW).isAfter(now));
    }
  }

  void succeeded(String user) {
    failures.remove("user:" + user);
  }

  private void count(String key, Instant now) {
    failures.compute(
        key,
        (k, old) ->
            old == null || !old.first().plus(WINDOW).isAfter(now)
                ? new Failures(1, now)
                : new Failures(old.count() + 1, old.first()));
  }

  private Duration waitFor(String key, int max, Instant now) {
    Failures f = failures.get(key);
    if (f == null || f.count() < max) {
      return Duration.ZERO;
    }
    Duration left = Duration.between(now, f.first().plus(WINDOW));
    return left.isNegative() ? Duration.ZERO : left;
  }
}
