package dev.fastci.server.security;

import dev.fastci.server.FastciProperties;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/** The API takes a bearer token (except health and the signed git hook); it keeps no session. */
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
  SecurityFilterChain api(HttpSecurity http, ApiToken token) throws Exception {
    return http.securityMatcher("/api/**")
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .addFilterBefore(new BearerTokenFilter(token.value()), AnonymousAuthenticationFilter.class)
        .authorizeHttpRequests(
            auth ->
                auth
                    // a streamed log goes on in an async dispatch of an already checked request
                    .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR)
                    .permitAll()
                    .requestMatchers("/api/health", "/api/hooks/**")
                    .permitAll()
                    .anyRequest()
                    .hasRole("API"))
        .exceptionHandling(e -> e.authenticationEntryPoint(SecurityConfiguration::unauthorized))
        .build();
  }

  /**
   * The actuator's endpoints (only {@code prometheus} is exposed) take the API token too, unless
   * {@code fastci.metrics.public=true}.
   */
  @Bean
  @Order(0)
  SecurityFilterChain metrics(HttpSecurity http, ApiToken token, FastciProperties properties)
      throws Exception {
    boolean open = properties.metrics().isPublic();
    return http.securityMatcher("/actuator/**")
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .addFilterBefore(new BearerTokenFilter(token.value()), AnonymousAuthenticationFilter.class)
        .authorizeHttpRequests(
            auth -> {
              if (open) {
                auth.anyRequest().permitAll();
              } else {
                auth.anyRequest().hasRole("API");
              }
            })
        .exceptionHandling(e -> e.authenticationEntryPoint(SecurityConfiguration::unauthorized))
        .build();
  }

  private static void unauthorized(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException denied)
      throws IOException {
    response.setStatus(HttpStatus.UNAUTHORIZED.value());
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.getWriter().write("{\"error\":\"missing or wrong bearer token\"}");
  }

  /** The API's bearer token. */
  public record ApiToken(String value) {}
}
