package dev.fastci.server.users;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/** How passwords are checked, hashed and made up. */
public final class Passwords {
  static final int MIN_LENGTH = 8;
  static final int MAX_BYTES = 72; // bcrypt reads no further
  private static final SecureRandom RANDOM = new SecureRandom();

  private Passwords() {}

  /**
   * Spring Security's delegating encoder: bcrypt for new hashes ({@code {bcrypt}...}), and it still
   * reads whatever an older FastCI stored under another id.
   */
  public static PasswordEncoder encoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  /** 24 characters from 144 random bits, shown once. */
  public static String generate() {
    byte[] bytes = new byte[18];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * @throws IllegalArgumentException naming {@code password} when it is too short or too long
   */
  static String check(String password) {
    if (password == null
        || password.length() < MIN_LENGTH
        || password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new IllegalArgumentException(
          "password: must be "
              + MIN_LENGTH
              + " to "
              + MAX_BYTES
              + " bytes long (UTF-8); leave it out to get a generated one");
    }
    return password;
  }
}
