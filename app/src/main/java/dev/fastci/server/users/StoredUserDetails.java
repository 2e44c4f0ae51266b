package dev.fastci.server.users;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** The users of the store, for the form login: their hash and the authorities of their role. */
@Service
public class StoredUserDetails implements UserDetailsService {
  private final UserStore store;

  public StoredUserDetails(UserStore store) {
    this.store = store;
  }

  @Override
  public UserDetails loadUserByUsername(String name) {
    UserStore.StoredUser user =
        store.find(name).orElseThrow(() -> new UsernameNotFoundException("no user " + name));
    return User.withUsername(user.name())
        .password(user.passwordHash())
        .authorities(user.role().authorities())
        .build();
  }
}
