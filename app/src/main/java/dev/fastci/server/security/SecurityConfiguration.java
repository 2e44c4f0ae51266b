package dev.fastci.server.security;

import static dev.fastci.server.security.RoleRules.atLeast;

import dev.fastci.server.FastciProperties;
import dev.fastci.server.audit.AuditLog;
import dev.fastci.server.tokens.PersonalTokens;
import dev.fastci.server.users.Role;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.ExceptionHandlingConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * The API takes a bearer token (except health, the signed hooks and, unless {@code
 * fastci.badges.public} is false, the repositories' badges) and keeps no session. Which role each
 * call needs is decided here, for every call (README, "Users, roles, tokens and the audit log"); a
 * call nobody listed needs the admin role.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

  @Bean
  ApiToken apiToken(FastciProperties properties) {
    return new ApiToken(
        GeneratedSecrets.configuredOrGenerated(
            properties.apiToken(), properties.dataDir().resolve("api-token"), "API token"));
  }

  @Bean
  @Order(1)
  SecurityFilterChain api(
      HttpSecurity http,
      ApiToken token,
      PersonalTokens tokens,
      AuditLog audit,
      FastciProperties properties)
      throws Exception {
    String[] open =
        properties.badges().open()
            ? new String[] {"/api/health", "/api/hooks/**", "/api/repos/*/badge.svg"}
            : new String[] {"/api/health", "/api/hooks/**"};
    return http.securityMatcher("/api/**")
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .addFilterBefore(
            new BearerTokenFilter(token.value(), tokens), AnonymousAuthenticationFilter.class)
        .authorizeHttpRequests(
            auth ->
                auth
                    // a streamed log goes on in an async dispatch of an already checked request
                    .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR)
                    .permitAll()
                    .requestMatchers(open)
                    .permitAll()
                    .requestMatchers("/api/users/{name}/tokens", "/api/users/{name}/tokens/**")
                    .access(RoleRules.selfOrAdmin())
                    .requestMatchers("/api/users/**", "/api/audit/**")
                    .access(atLeast(Role.ADMIN))
                    .requestMatchers(HttpMethod.PUT, "/api/pipelines/*/jobs/*/log")
                    .access(atLeast(Role.ADMIN)) // workers write job logs
                    .requestMatchers("/api/pipelines/*/jobs/*/artifacts/**")
                    .access(atLeast(Role.ADMIN)) // workers send the files their jobs kept
                    .requestMatchers(HttpMethod.GET, "/api/**")
                    .access(atLeast(Role.VIEWER))
                    .requestMatchers(HttpMethod.POST, "/api/pipelines", "/api/pipelines/**")
                    .access(atLeast(Role.OPERATOR)) // starts, cancels, retries, approves, rejects
                    .requestMatchers(HttpMethod.DELETE, "/api/caches", "/api/caches/**")
                    .access(atLeast(Role.OPERATOR))
                    .requestMatchers(HttpMethod.POST, "/api/schedules", "/api/schedules/**")
                    .access(atLeast(Role.OPERATOR)) // a schedule starts runs
                    .requestMatchers(HttpMethod.DELETE, "/api/schedules/**")
                    .access(atLeast(Role.OPERATOR))
                    .anyRequest()
                    .access(atLeast(Role.ADMIN)))
        .exceptionHandling(apiErrors(audit))
        .build();
  }

  /**
   * The actuator's endpoints (only {@code prometheus} is exposed) take a bearer token like the API:
   * reading the metrics needs the viewer role (the server-wide token or any user's personal token),
   * anything else the admin role; with {@code fastci.metrics.public=true} reading them needs none.
   */
  @Bean
  @Order(0)
  SecurityFilterChain metrics(
      HttpSecurity http,
      ApiToken token,
      PersonalTokens tokens,
      AuditLog audit,
      FastciProperties properties)
      throws Exception {
    boolean open = properties.metrics().isPublic();
    return http.securityMatcher("/actuator/**")
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .addFilterBefore(
            new BearerTokenFilter(token.value(), tokens), AnonymousAuthenticationFilter.class)
        .authorizeHttpRequests(
            auth -> {
              if (open) {
                auth.requestMatchers(HttpMethod.GET, "/actuator/**").permitAll();
              } else {
                auth.requestMatchers(HttpMethod.GET, "/actuator/**").access(atLeast(Role.VIEWER));
              }
              auth.anyRequest().access(atLeast(Role.ADMIN));
            })
        .exceptionHandling(apiErrors(audit))
        .build();
  }

  /**
   * A call without a valid token is a JSON 401; a call whose role is short is audited and a JSON
   * 403 naming the role it needs.
   */
  private static Customizer<ExceptionHandlingConfigurer<HttpSecurity>> apiErrors(AuditLog audit) {
    return e ->
        e.authenticationEntryPoint(
                (request, response, unauthenticated) ->
                    ApiErrors.write(
                        response,
                        HttpServletResponse.SC_UNAUTHORIZED,
                        "missing or wrong bearer token",
                        null))
            .accessDeniedHandler(
                (request, response, denied) -> {
                  Denials.audit(audit, request, denied);
                  RoleRules.Decision decision = Denials.decision(denied);
                  ApiErrors.write(
                      response,
                      HttpServletResponse.SC_FORBIDDEN,
                      Denials.message(request, denied),
                      decision == null ? null : decision.role());
                });
  }

  /** The server-wide bearer token: the bootstrap and automation token, acting as an admin. */
  public record ApiToken(String value) {}
}
