package dev.fastci.server.ui;

import dev.fastci.server.users.Role;
import org.springframework.security.core.Authentication;

/**
 * What the logged-in user may do, so that pages show only the actions their role allows (the
 * security chain refuses the others anyway).
 *
 * @param role {@code viewer}, {@code operator} or {@code admin}; null when not logged in
 * @param operate start, cancel and retry runs and jobs, delete caches
 * @param admin manage users, read the audit log
 */
public record Permissions(String role, boolean operate, boolean admin) {
  public static Permissions of(Authentication auth) {
    Role role =
        auth == null || !auth.isAuthenticated()
            ? null
            : Role.highest(auth.getAuthorities()).orElse(null);
    return role == null
        ? new Permissions(null, false, false)
        : new Permissions(role.shown(), role.atLeast(Role.OPERATOR), role == Role.ADMIN);
  }
}
