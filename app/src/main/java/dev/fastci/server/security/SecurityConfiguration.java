package dev.fastci.server.security;

import dev.fastci.server.FastciProperties;
import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * The API takes a bearer token (except health, the signed hooks and the repositories' badges); it
 * keeps no session.
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
                    .requestMatchers("/api/health", "/api/hooks/**", "/api/repos/*/badge.svg")
                    .permitAll()
                    .anyRequest()
                    .hasRole("API"))
        .exceptionHandling(
            e ->
                e.authenticationEntryPoint(
                    (request, response, denied) -> {
                      response.setStatus(HttpStatus.UNAUTHORIZED.value());
                      response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                      response.getWriter().write("{\"error\":\"missing or wrong bearer token\"}");
                    }))
        .build();
  }

  /** The API's bearer token. */
  public record ApiToken(String value) {}
}
