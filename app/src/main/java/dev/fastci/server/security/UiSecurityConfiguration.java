package dev.fastci.server.security;

import static dev.fastci.server.security.RoleRules.atLeast;

import dev.fastci.server.FastciProperties;
import dev.fastci.server.audit.AuditLog;
import dev.fastci.server.users.AdminAccount;
import dev.fastci.server.users.Role;
import dev.fastci.server.users.StoredUserDetails;
import dev.fastci.server.users.UserStore;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * The web UI: the store's users log in with a form (throttled against guessing, audited), keep a
 * session that expires ({@code server.servlet.session.timeout}), and log out; every form carries a
 * CSRF token. Which role each page and action needs is decided here; a refusal is a 403 page naming
 * the role. Status badges ({@code /badge/**}) need no login unless {@code fastci.badges.public} is
 * false.
 */
@Configuration(proxyBeanMethods = false)
public class UiSecurityConfiguration {
  /** The first user, made on the first start. */
  public static final String ADMIN = "admin";

  /**
   * Before any login: the store's first start makes {@code admin} with {@code
   * FASTCI_ADMIN_PASSWORD} or a generated password (as FastCI did before it had users); while
   * {@code FASTCI_ADMIN_PASSWORD} is set, every start makes it admin's password again.
   */
  @Bean
  InitializingBean adminAtFirstStart(AdminAccount admin, FastciProperties properties) {
    return () ->
        admin.ensure(
            ADMIN,
            properties.adminPassword(),
            () ->
                GeneratedSecrets.configuredOrGenerated(
                    null,
                    properties.dataDir().resolve("admin-password"),
                    "password of the web UI's user admin"));
  }

  @Bean
  @Order(2)
  SecurityFilterChain ui(
      HttpSecurity http,
      StoredUserDetails users,
      PasswordEncoder encoder,
      UserStore store,
      AuditLog audit,
      FastciProperties properties)
      throws Exception {
    List<String> open =
        new ArrayList<>(
            List.of("/login", "/css/**", "/js/**", "/favicon.ico", "/error", "/denied"));
    if (properties.badges().open()) {
      open.add("/badge/**");
    }
    DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
    passwords.setPasswordEncoder(encoder);
    LoginAudit logins = new LoginAudit(audit);
    return http.authenticationManager( // no parent: nothing gets around the throttle
            new ProviderManager(
                List.of(new ThrottledLogins(passwords, new LoginThrottle(Clock.systemUTC())))))
        .addFilterBefore(new CurrentUserFilter(store), AuthorizationFilter.class)
        .authorizeHttpRequests(
            auth ->
                auth.requestMatchers(open.toArray(String[]::new))
                    .permitAll()
                    .requestMatchers("/users", "/users/**", "/audit", "/audit/**")
                    .access(atLeast(Role.ADMIN))
                    .requestMatchers("/tokens", "/tokens/**")
                    .access(atLeast(Role.VIEWER))
                    .requestMatchers("/runs/new")
                    .access(atLeast(Role.OPERATOR))
                    .requestMatchers(HttpMethod.GET, "/**")
                    .access(atLeast(Role.VIEWER))
                    .requestMatchers(
                        HttpMethod.POST,
                        "/runs/*/cancel",
                        "/runs/*/retry",
                        "/runs/*/jobs/*/cancel",
                        "/runs/*/jobs/*/retry",
                        "/runs/*/approve",
                        "/runs/*/reject",
                        "/runs/*/jobs/*/approve",
                        "/runs/*/jobs/*/reject",
                        "/schedules",
                        "/schedules/**",
                        "/caches/**")
                    .access(atLeast(Role.OPERATOR))
                    .anyRequest()
                    .access(atLeast(Role.ADMIN)))
        .formLogin(
            form ->
                form.loginPage("/login").successHandler(logins).failureHandler(logins).permitAll())
        .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
        .exceptionHandling(
            e ->
                e.accessDeniedHandler(
                    (request, response, denied) -> {
                      Denials.audit(audit, request, denied);
                      request.setAttribute(DENIED_MESSAGE, Denials.message(request, denied));
                      response.setStatus(HttpServletResponse.SC_FORBIDDEN);
                      request.getRequestDispatcher("/denied").forward(request, response);
                    }))
        .build();
  }

  /** The request attribute that tells the {@code /denied} page why. */
  public static final String DENIED_MESSAGE = "fastci.denied";
}
