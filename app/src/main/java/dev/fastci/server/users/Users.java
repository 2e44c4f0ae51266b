package dev.fastci.server.users;

import dev.fastci.server.audit.Actor;
import dev.fastci.server.audit.AuditLog;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Adds, changes and deletes users; every change is audited. There is always an admin left: the last
 * one can be neither demoted nor deleted.
 */
@Service
public class Users {
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

  /** Names the audit log uses for FastCI's own actors and the server-wide token. */
  static final Set<String> RESERVED =
      Set.of("hook", "schedule", "forge", "cli", "system", "anonymous", "api");

  private final UserStore store;
  private final PasswordEncoder encoder;
  private final AuditLog audit;

  public Users(UserStore store, PasswordEncoder encoder, AuditLog audit) {
    this.store = store;
    this.encoder = encoder;
    this.audit = audit;
  }

  /**
   * What adding a user or resetting a password gave: the password when it was generated (shown only
   * this once), else null.
   */
  public record Added(String name, Role role, String password) {}

  public List<UserAccount> list() {
    return store.list();
  }

  /**
   * @param password null for a generated one
   */
  public Added add(Actor actor, String name, String role, String password) {
    return audit.recorded(
        actor,
        "user.add",
        "user " + name,
        null,
        () -> {
          String checked = checkName(name);
          Role parsed = Role.parse(role, "role");
          String chosen = password == null ? Passwords.generate() : Passwords.check(password);
          store.insert(checked, parsed, encoder.encode(chosen), Instant.now());
          return new Added(checked, parsed, password == null ? chosen : null);
        });
  }

  /**
   * Changes a user's role and/or password; either may be null for no change.
   *
   * @return the user as they are now
   */
  public UserAccount change(Actor actor, String name, String role, String password) {
    String what = (role == null ? "" : " role " + role) + (password == null ? "" : " password");
    return audit.recorded(
        actor,
        "user.change",
        "user " + name + ":" + what,
        null,
        () -> {
          UserStore.StoredUser user = existing(name);
          if (role == null && password == null) {
            throw new IllegalArgumentException("role, password: give at least one to change");
          }
          Role parsed = role == null ? user.role() : Role.parse(role, "role");
          String hash = password == null ? null : encoder.encode(Passwords.check(password));
          if (user.role() == Role.ADMIN && parsed != Role.ADMIN) {
            requireAnotherAdmin(name);
          }
          store.setRole(name, parsed);
          if (hash != null) {
            store.setPasswordHash(name, hash);
          }
          return account(name);
        });
  }

  /** Gives the user a new generated password, returned once. */
  public Added resetPassword(Actor actor, String name) {
    return audit.recorded(
        actor,
        "user.change",
        "user " + name + ": password reset",
        null,
        () -> {
          UserStore.StoredUser user = existing(name);
          String password = Passwords.generate();
          store.setPasswordHash(name, encoder.encode(password));
          return new Added(name, user.role(), password);
        });
  }

  public void delete(Actor actor, String name) {
    audit.recorded(
        actor,
        "user.delete",
        "user " + name,
        null,
        () -> {
          if (existing(name).role() == Role.ADMIN) {
            requireAnotherAdmin(name);
          }
          store.delete(name);
        });
  }

  private UserAccount account(String name) {
    return store.list().stream().filter(u -> u.name().equals(name)).findFirst().orElseThrow();
  }

  private UserStore.StoredUser existing(String name) {
    return store.find(name).orElseThrow(() -> new UserNotFoundException("no user " + name));
  }

  private void requireAnotherAdmin(String name) {
    if (store.countWithRole(Role.ADMIN) <= 1) {
      throw new UserConflictException(name + " is the last admin: make another user admin first");
    }
  }

  /**
   * @throws IllegalArgumentException naming {@code name} when it is not a valid user name
   */
  static String checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "name: must be 1 to 64 of A-Z a-z 0-9 . _ @ - (starting with a letter or digit), got "
              + (name == null ? "nothing" : name));
    }
    if (RESERVED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
      throw new IllegalArgumentException(
          "name: " + name + " is reserved for the audit log (" + String.join(", ", RESERVED) + ")");
    }
    return name;
  }
}
