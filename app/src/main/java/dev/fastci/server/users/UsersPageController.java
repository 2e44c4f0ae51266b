package dev.fastci.server.users;

import dev.fastci.server.audit.Actor;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The Users page (admins): add users, change their role, reset their password, delete them. */
@Controller
class UsersPageController {
  static final String VIEW = "users/list";

  private final Users users;

  UsersPageController(Users users) {
    this.users = users;
  }

  @GetMapping("/users")
  String list(CsrfToken csrf, Model model) {
    model.addAttribute("users", users.list());
    model.addAttribute("roles", List.of(Role.values()));
    model.addAttribute("csrf", csrf);
    return VIEW;
  }

  @PostMapping("/users")
  String add(
      @RequestParam(defaultValue = "") String name,
      @RequestParam(defaultValue = "") String role,
      @RequestParam(defaultValue = "") String password,
      RedirectAttributes flash) {
    return act(
        flash,
        () -> {
          Users.Added added =
              users.add(Actor.current(), name.strip(), role, password.isEmpty() ? null : password);
          return new Done(
              "Added " + added.name() + " (" + added.role().shown() + ").", added.password());
        });
  }

  @PostMapping("/users/{name}/role")
  String role(@PathVariable String name, @RequestParam String role, RedirectAttributes flash) {
    return act(
        flash,
        () -> {
          UserAccount now = users.change(Actor.current(), name, role, null);
          return new Done(name + " is now " + now.role().shown() + ".", null);
        });
  }

  @PostMapping("/users/{name}/password")
  String resetPassword(@PathVariable String name, RedirectAttributes flash) {
    return act(
        flash,
        () ->
            new Done(
                "New password for " + name + ".",
                users.resetPassword(Actor.current(), name).password()));
  }

  @PostMapping("/users/{name}/delete")
  String delete(@PathVariable String name, RedirectAttributes flash) {
    return act(
        flash,
        () -> {
          users.delete(Actor.current(), name);
          return new Done("Deleted " + name + " and their tokens.", null);
        });
  }

  /** What an action says, and a generated password to show only this once (or null). */
  record Done(String message, String secret) {}

  private static String act(RedirectAttributes flash, Supplier<Done> action) {
    try {
      Done done = action.get();
      flash.addFlashAttribute("flash", done.message());
      if (done.secret() != null) {
        flash.addFlashAttribute("secret", done.secret());
      }
    } catch (IllegalArgumentException | UserConflictException | UserNotFoundException e) {
      flash.addFlashAttribute("flashError", e.getMessage());
    }
    return "redirect:/users";
  }
}
