package dev.fastci.server.security;

import dev.fastci.server.users.UserStore;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.HashSet;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A logged-in user's session acts with the user as the store has them now: a deleted user's session
 * ends at their next request, and a changed role counts at once.
 */
final class CurrentUserFilter extends OncePerRequestFilter {
  private final UserStore users;

  CurrentUserFilter(UserStore users) {
    this.users = users;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth instanceof UsernamePasswordAuthenticationToken && auth.isAuthenticated()) {
      Optional<UserStore.StoredUser> user = users.find(auth.getName());
      if (user.isEmpty()) {
        SecurityContextHolder.clearContext();
        HttpSession session = request.getSession(false);
        if (session != null) {
          session.invalidate();
        }
      } else if (!new HashSet<GrantedAuthority>(auth.getAuthorities())
          .equals(new HashSet<>(user.get().role().authorities()))) {
        UsernamePasswordAuthenticationToken now =
            UsernamePasswordAuthenticationToken.authenticated(
                auth.getPrincipal(), null, user.get().role().authorities());
        now.setDetails(auth.getDetails());
        SecurityContextHolder.getContext().setAuthentication(now);
      }
    }
    chain.doFilter(request, response);
  }
}
