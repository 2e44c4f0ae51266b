package dev.fastci.server.users;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * What a user or a token may do; each role may do all that the ones before it may. {@code viewer}
 * reads runs, logs, artifacts and caches; {@code operator} also starts, cancels and retries runs
 * and jobs and deletes caches; {@code admin} also manages users, reads the audit log and writes job
 * logs (workers).
 */
public enum Role {
  VIEWER,
  OPERATOR,
  ADMIN;

  /** {@code viewer}, {@code operator}, {@code admin}: how the API, the UI and the store name it. */
  @JsonValue
  public String shown() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Spring Security's name of the role: {@code ROLE_OPERATOR}. */
  public String authority() {
    return "ROLE_" + name();
  }

  public boolean atLeast(Role other) {
    return ordinal() >= other.ordinal();
  }

  /** This role's authority and those of every role below it. */
  public List<GrantedAuthority> authorities() {
    return Arrays.stream(values())
        .filter(this::atLeast)
        .map(role -> (GrantedAuthority) new SimpleGrantedAuthority(role.authority()))
        .toList();
  }

  /** The lower of the two. */
  public Role atMost(Role other) {
    return atLeast(other) ? other : this;
  }

  /**
   * @param field names the input in the error, e.g. {@code role}
   * @throws IllegalArgumentException naming the field when the text is not a role
   */
  public static Role parse(String text, String field) {
    if (text != null) {
      for (Role role : values()) {
        if (role.shown().equals(text.strip().toLowerCase(Locale.ROOT))) {
          return role;
        }
      }
    }
    throw new IllegalArgumentException(
        field + ": must be viewer, operator or admin, got " + (text == null ? "nothing" : text));
  }

  /** The highest role among these authorities, if any. */
  public static Optional<Role> highest(Collection<? extends GrantedAuthority> authorities) {
    Role best = null;
    for (GrantedAuthority authority : authorities) {
      for (Role role : values()) {
        if (role.authority().equals(authority.getAuthority())
            && (best == null || role.atLeast(best))) {
          best = role;
        }
      }
    }
    return Optional.ofNullable(best);
  }
}
