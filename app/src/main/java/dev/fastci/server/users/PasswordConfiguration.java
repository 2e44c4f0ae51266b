package dev.fastci.server.users;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The one password encoder: the login checks with it, the users' passwords are hashed with it. */
@Configuration(proxyBeanMethods = false)
public class PasswordConfiguration {

  @Bean
  PasswordEncoder passwordEncoder() {
    return Passwords.encoder();
  }
}
