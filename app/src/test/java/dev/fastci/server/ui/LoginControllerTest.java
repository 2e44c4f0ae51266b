package dev.fastci.server.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

@UiWebMvcTest(LoginController.class)
class LoginControllerTest {
  @Autowired MockMvc mvc;

  @Test
  void pageWithoutLoginRedirectsToTheLoginPage() throws Exception {
    mvc.perform(get("/"))
        .andExpect(status().is3xxRedirection())
        .andExpect(redirectedUrlPattern("**/login"));
  }

  @Test
  void loginPageHasUserPasswordAndSubmit() throws Exception {
    mvc.perform(get("/login"))
        .andExpect(status().isOk())
        .andExpect(view().name("login"))
        .andExpect(content().string(containsString("name=\"username\"")))
        .andExpect(content().string(containsString("name=\"password\"")))
        .andExpect(content().string(containsString("type=\"submit\"")))
        .andExpect(content().string(containsString("name=\"_csrf\"")));
  }

  @Test
  void loginWithTheAdminPasswordRedirectsToTheRuns() throws Exception {
    mvc.perform(post("/login").param("username", "admin").param("password", "pw").with(csrf()))
        .andExpect(redirectedUrl("/"))
        .andExpect(authenticated().withUsername("admin").withRoles("ADMIN", "OPERATOR", "VIEWER"));
  }

  @Test
  void loginWithAWrongPasswordRedirectsBackWithAnError() throws Exception {
    mvc.perform(post("/login").param("username", "admin").param("password", "no").with(csrf()))
        .andExpect(redirectedUrl("/login?error"))
        .andExpect(unauthenticated());
  }

  @Test
  void loginWithoutCsrfIsForbidden() throws Exception {
    mvc.perform(post("/login").param("username", "admin").param("password", "pw"))
        .andExpect(status().isForbidden())
        .andExpect(unauthenticated());
  }

  @Test
  void logoutEndsTheSession() throws Exception {
    MockHttpSession session =
        (MockHttpSession)
            mvc.perform(
                    post("/login").param("username", "admin").param("password", "pw").with(csrf()))
                .andReturn()
                .getRequest()
                .getSession(false);

    mvc.perform(post("/logout").session(session).with(csrf()))
        .andExpect(redirectedUrl("/login?logout"))
        .andExpect(unauthenticated());

    assertThat(session.isInvalid()).isTrue();
    mvc.perform(get("/").session(session)).andExpect(redirectedUrlPattern("**/login"));
  }
}
