package dev.fastci.server.security;

import dev.fastci.server.audit.Actor;
import dev.fastci.server.tokens.PersonalTokens;
import dev.fastci.server.users.Role;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates API calls that carry {@code Authorization: Bearer <token>}: the server-wide {@code
 * fastci.api-token} acts as the admin {@code api}; a personal token as its user, with the token's
 * role. An expired personal token is a 401 that says so.
 */
final class BearerTokenFilter extends OncePerRequestFilter {
  /** Who the server-wide token acts as in the audit log. */
  static final String SERVER_TOKEN_USER = "api";

  static final String SERVER_TOKEN_NAME = "FASTCI_API_TOKEN";
  private static final String PREFIX = "Bearer ";

  private final byte[] serverToken;
  private final PersonalTokens tokens;

  BearerTokenFilter(String serverToken, PersonalTokens tokens) {
    this.serverToken = serverToken.getBytes(StandardCharsets.UTF_8);
    this.tokens = tokens;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    if (header != null && header.startsWith(PREFIX)) {
      String given = header.substring(PREFIX.length()).strip();
      if (MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), serverToken)) {
        authenticate(SERVER_TOKEN_USER, SERVER_TOKEN_NAME, Role.ADMIN);
      } else {
        Optional<PersonalTokens.Owner> owner;
        try {
          owner = tokens.authenticate(given);
        } catch (PersonalTokens.ExpiredTokenException expired) {
          ApiErrors.write(
              response, HttpServletResponse.SC_UNAUTHORIZED, expired.getMessage(), null);
          return;
        }
        owner.ifPresent(o -> authenticate(o.user(), o.token(), o.role()));
      }
    }
    chain.doFilter(request, response);
  }

  private static void authenticate(String user, String token, Role role) {
    UsernamePasswordAuthenticationToken auth =
        UsernamePasswordAuthenticationToken.authenticated(user, null, role.authorities());
    auth.setDetails(new Actor.TokenName(token));
    SecurityContextHolder.getContext().setAuthentication(auth);
  }
}
