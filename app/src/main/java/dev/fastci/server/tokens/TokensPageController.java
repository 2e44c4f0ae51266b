package dev.fastci.server.tokens;

import dev.fastci.server.audit.Actor;
import dev.fastci.server.users.Role;
import dev.fastci.server.users.UserConflictException;
import dev.fastci.server.users.UserNotFoundException;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The Tokens page: every user makes and revokes their own personal API tokens. */
@Controller
class TokensPageController {
  static final String VIEW = "tokens/list";
  static final List<Integer> EXPIRY_DAYS = List.of(7, 30, 90, 365);

  private final PersonalTokens tokens;

  TokensPageController(PersonalTokens tokens) {
    this.tokens = tokens;
  }

  @GetMapping("/tokens")
  String list(Authentication user, CsrfToken csrf, Model model) {
    Role role = Role.highest(user.getAuthorities()).orElse(Role.VIEWER);
    model.addAttribute("tokens", tokens.list(user.getName()));
    model.addAttribute(
        "roles", Arrays.stream(Role.values()).filter(role::atLeast).map(Role::shown).toList());
    model.addAttribute("role", role.shown());
    model.addAttribute("expiryDays", EXPIRY_DAYS);
    model.addAttribute("now", Instant.now());
    model.addAttribute("csrf", csrf);
    return VIEW;
  }

  /**
   * @param days 0 for a token that does not expire
   */
  @PostMapping("/tokens")
  String create(
      Principal user,
      @RequestParam(defaultValue = "") String name,
      @RequestParam(defaultValue = "") String role,
      @RequestParam(defaultValue = "0") int days,
      RedirectAttributes flash) {
    try {
      Instant expires = days > 0 ? Instant.now().plus(Duration.ofDays(days)) : null;
      PersonalTokens.Created created =
          tokens.create(
              Actor.current(), user.getName(), name.strip(), role.isBlank() ? null : role, expires);
      flash.addFlashAttribute("flash", "Made token " + created.name() + ".");
      flash.addFlashAttribute("secret", created.token());
    } catch (IllegalArgumentException | UserConflictException e) {
      flash.addFlashAttribute("flashError", e.getMessage());
    }
    return "redirect:/tokens";
  }

  @PostMapping("/tokens/{id}/revoke")
  String revoke(Principal user, @PathVariable String id, RedirectAttributes flash) {
    try {
      tokens.revoke(Actor.current(), user.getName(), id);
      flash.addFlashAttribute("flash", "Revoked the token.");
    } catch (UserNotFoundException e) {
      flash.addFlashAttribute("flashError", e.getMessage());
    }
    return "redirect:/tokens";
  }
}
