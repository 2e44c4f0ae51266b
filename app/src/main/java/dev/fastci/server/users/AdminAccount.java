package dev.fastci.server.users;

import dev.fastci.server.audit.Actor;
import dev.fastci.server.audit.AuditLog;
import dev.fastci.server.audit.Outcome;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * The account a server starts with. A store without users (a new one, or one made before FastCI had
 * users) gets {@code admin}; a configured password ({@code FASTCI_ADMIN_PASSWORD}) is admin's at
 * every start, so it is also the way back in. The password is taken as it is: the length rule of
 * new passwords does not apply, so an older setup keeps logging in.
 */
@Service
public class AdminAccount {
  private static final Logger log = LoggerFactory.getLogger(AdminAccount.class);

  private final UserStore store;
  private final PasswordEncoder encoder;
  private final AuditLog audit;

  public AdminAccount(UserStore store, PasswordEncoder encoder, AuditLog audit) {
    this.store = store;
    this.encoder = encoder;
    this.audit = audit;
  }

  /**
   * @param configured the configured password, or null/blank
   * @param generated the generated password, asked for only when the store has no user
   */
  public void ensure(String name, String configured, Supplier<String> generated) {
    boolean set = configured != null && !configured.isBlank();
    if (store.count() == 0) {
      store.insert(
          name, Role.ADMIN, encoder.encode(set ? configured : generated.get()), Instant.now());
      audit.record(
          Actor.named(Actor.SYSTEM),
          "user.add",
          "user " + name,
          null,
          Outcome.OK,
          "the first start");
      log.info("made the user {} (admin) in the store", name);
      return;
    }
    if (!set) {
      return;
    }
    var user = store.find(name);
    if (user.isEmpty()) {
      store.insert(name, Role.ADMIN, encoder.encode(configured), Instant.now());
    } else if (user.get().role() == Role.ADMIN
        && encoder.matches(configured, user.get().passwordHash())) {
      return;
    } else {
      store.setRole(name, Role.ADMIN);
      store.setPasswordHash(name, encoder.encode(configured));
    }
    audit.record(
        Actor.named(Actor.SYSTEM),
        user.isEmpty() ? "user.add" : "user.change",
        "user " + name,
        null,
        Outcome.OK,
        "fastci.admin-password is set: " + name + " is an admin with that password");
    log.info("{} is an admin with the configured fastci.admin-password", name);
  }
}
