package dev.fastci.server.security;

import dev.fastci.server.FastciProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The web UI: one user, {@code admin}, with a form login, a session, logout, and CSRF protection on
 * every form. Status badges ({@code /badge/**}) need no login unless {@code fastci.badges.public}
 * is false.
 */
@Configuration(proxyBeanMethods = false)
public class UiSecurityConfiguration {
  public static final String ADMIN = "admin";

  @Bean
  PasswordEncoder passwordEncoder() {
    return new BCryptPasswordEncoder();
  }

  @Bean
  UserDetailsService admin(FastciProperties properties, PasswordEncoder encoder) {
    String password =
        GeneratedSecrets.configuredOrGenerated(
            properties.adminPassword(),
            properties.dataDir().resolve("admin-password"),
            "password of the web UI's user admin");
    return new InMemoryUserDetailsManager(
        User.withUsername(ADMIN).password(encoder.encode(password)).roles("ADMIN").build());
  }

  @Bean
  @Order(2)
  SecurityFilterChain ui(HttpSecurity http, FastciProperties properties) throws Exception {
    boolean publicBadges = properties.badges().open();
    return http.authorizeHttpRequests(
            auth -> {
              auth.requestMatchers("/login", "/css/**", "/js/**", "/favicon.ico", "/error")
                  .permitAll();
              if (publicBadges) {
                auth.requestMatchers("/badge/**").permitAll();
              }
              auth.anyRequest().hasRole("ADMIN");
            })
        .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
        .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
        .build();
  }
}
