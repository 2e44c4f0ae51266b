package dev.fastci.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.fastci.server.users.Role;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Every page and action of the web UI, logged in (through the real form) as each role: the roles
 * below the action's get the 403 page naming the role; pages show only the actions the role may
 * take.
 */
class UiRolesTest extends ServerWithUsers {

  static Stream<Arguments> actions() {
    return Stream.of(
        Arguments.of(Role.VIEWER, HttpMethod.GET, "/"),
        Arguments.of(Role.VIEWER, HttpMethod.GET, "/runs/nope"),
        Arguments.of(Role.VIEWER, HttpMethod.GET, "/runs/nope/jobs/a"),
        Arguments.of(Role.VIEWER, HttpMethod.GET, "/caches"),
        Arguments.of(Role.VIEWER, HttpMethod.GET, "/tokens"),
        Arguments.of(Role.VIEWER, HttpMethod.GET, "/repos"),
        Arguments.of(Role.VIEWER, HttpMethod.GET, "/repos/999"),
        Arguments.of(Role.VIEWER, HttpMethod.GET, "/schedules"),
        Arguments.of(Role.VIEWER, HttpMethod.GET, "/runs/nope/artifacts.zip"),
        Arguments.of(Role.VIEWER, HttpMethod.GET, "/runs/nope/artifacts/a/1/dist/x.jar"),
        Arguments.of(Role.OPERATOR, HttpMethod.GET, "/runs/new"),
        Arguments.of(Role.OPERATOR, HttpMethod.POST, "/runs/new"),
        Arguments.of(Role.OPERATOR, HttpMethod.POST, "/runs/nope/cancel"),
        Arguments.of(Role.OPERATOR, HttpMethod.POST, "/runs/nope/retry"),
        Arguments.of(Role.OPERATOR, HttpMethod.POST, "/runs/nope/jobs/a/cancel"),
        Arguments.of(Role.OPERATOR, HttpMethod.POST, "/runs/nope/jobs/a/retry"),
        Arguments.of(Role.OPERATOR, HttpMethod.POST, "/runs/nope/jobs/a/approve"),
        Arguments.of(Role.OPERATOR, HttpMethod.POST, "/runs/nope/jobs/a/reject"),
        Arguments.of(Role.OPERATOR, HttpMethod.POST, "/caches/nope/delete"),
        Arguments.of(Role.OPERATOR, HttpMethod.POST, "/caches/delete"),
        Arguments.of(Role.OPERATOR, HttpMethod.POST, "/schedules"),
        Arguments.of(Role.OPERATOR, HttpMethod.POST, "/schedules/nope/pause"),
        Arguments.of(Role.OPERATOR, HttpMethod.POST, "/schedules/nope/run"),
        Arguments.of(Role.OPERATOR, HttpMethod.POST, "/schedules/nope/delete"),
        Arguments.of(Role.ADMIN, HttpMethod.GET, "/users"),
        Arguments.of(Role.ADMIN, HttpMethod.POST, "/users"),
        Arguments.of(Role.ADMIN, HttpMethod.POST, "/users/nobody/role"),
        Arguments.of(Role.ADMIN, HttpMethod.POST, "/users/nobody/password"),
        Arguments.of(Role.ADMIN, HttpMethod.POST, "/users/nobody/delete"),
        Arguments.of(Role.ADMIN, HttpMethod.GET, "/audit"),
        Arguments.of(Role.ADMIN, HttpMethod.POST, "/repos"),
        Arguments.of(Role.ADMIN, HttpMethod.POST, "/repos/999/delete"));
  }

  static Stream<Arguments> actionsByRole() {
    return forEachRole(actions());
  }

  @ParameterizedTest(name = "{1} {2} as {3}")
  @MethodSource("actionsByRole")
  void eachRoleOnEachAction(Role least, HttpMethod method, String path, Role role)
      throws Exception {
    MvcResult result =
        mvc.perform(request(method, path).param("role", "viewer").session(login(role)).with(csrf()))
            .andReturn();
    int status = result.getResponse().getStatus();
    if (role.atLeast(least)) {
      assertThat(status).as("%s %s as %s", method, path, role).isNotIn(401, 403);
      assertThat(result.getResponse().getRedirectedUrl())
          .as("not sent to log in")
          .isNotEqualTo("http://localhost/login");
    } else {
      assertThat(status).as("%s %s as %s", method, path, role).isEqualTo(403);
      assertThat(result.getResponse().getForwardedUrl()).isEqualTo("/denied");
      assertThat(result.getRequest().getAttribute(UiSecurityConfiguration.DENIED_MESSAGE))
          .asString()
          .contains("needs the " + least.shown() + " role")
          .contains(USERS.get(role) + " has the role " + role.shown());
    }
  }

  @Test
  void theDeniedPageSaysWhy() throws Exception {
    mvc.perform(
            get("/denied")
                .requestAttr(
                    UiSecurityConfiguration.DENIED_MESSAGE, "GET /users needs the admin role")
                .session(login(Role.VIEWER)))
        .andExpect(status().isForbidden())
        .andExpect(content().string(containsString("403 Forbidden")))
        .andExpect(content().string(containsString("GET /users needs the admin role")));
  }

  @Test
  void theNavigationShowsOnlyWhatTheRoleMayDo() throws Exception {
    mvc.perform(get("/").session(login(Role.VIEWER)))
        .andExpect(content().string(not(containsString("id=\"new-run\""))))
        .andExpect(content().string(not(containsString("id=\"nav-users\""))))
        .andExpect(content().string(containsString("vera · viewer")));
    mvc.perform(get("/").session(login(Role.OPERATOR)))
        .andExpect(content().string(containsString("id=\"new-run\"")))
        .andExpect(content().string(not(containsString("id=\"nav-audit\""))));
    mvc.perform(get("/").session(login(Role.ADMIN)))
        .andExpect(content().string(containsString("id=\"nav-users\"")))
        .andExpect(content().string(containsString("id=\"nav-audit\"")));
  }

  @Test
  void theRepositoriesPageOffersTheRegisterFormToAnAdminOnly() throws Exception {
    mvc.perform(get("/repos").session(login(Role.OPERATOR)))
        .andExpect(status().isOk())
        .andExpect(content().string(not(containsString("id=\"register-repo\""))));
    mvc.perform(get("/repos").session(login(Role.ADMIN)))
        .andExpect(content().string(containsString("id=\"register-repo\"")));
  }

  @Test
  void aRunningRunsPageOffersCancelToAnOperatorOnly() throws Exception {
    String id =
        mvc.perform(
                post("/runs/new")
                    .param("spec", ApiRolesTest.SPEC)
                    .session(login(Role.OPERATOR))
                    .with(csrf()))
            .andReturn()
            .getResponse()
            .getRedirectedUrl()
            .replace("/runs/", "");

    mvc.perform(get("/runs/" + id).session(login(Role.OPERATOR)))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("id=\"cancel-run\"")))
        .andExpect(content().string(containsString("started by otto")));
    mvc.perform(get("/runs/" + id).session(login(Role.VIEWER)))
        .andExpect(status().isOk())
        .andExpect(content().string(not(containsString("id=\"cancel-run\""))));
    mvc.perform(post("/runs/" + id + "/cancel").session(login(Role.VIEWER)).with(csrf()))
        .andExpect(status().isForbidden());
  }

  @Test
  void aDeletedUsersSessionEndsAndARoleChangeCountsAtOnce() throws Exception {
    users.add(dev.fastci.server.audit.Actor.named("system"), "short-lived", "operator", PASSWORD);
    MockHttpSession session = login("short-lived");
    mvc.perform(get("/runs/new").session(session)).andExpect(status().isOk());

    users.change(dev.fastci.server.audit.Actor.named("system"), "short-lived", "viewer", null);
    mvc.perform(get("/runs/new").session(session)).andExpect(status().isForbidden());

    users.delete(dev.fastci.server.audit.Actor.named("system"), "short-lived");
    mvc.perform(get("/").session(session)).andExpect(status().is3xxRedirection());
  }

  private MockHttpSession login(Role role) throws Exception {
    return login(USERS.get(role));
  }

  private MockHttpSession login(String user) throws Exception {
    MvcResult result =
        mvc.perform(post("/login").param("username", user).param("password", PASSWORD).with(csrf()))
            .andReturn();
    assertThat(result.getResponse().getRedirectedUrl()).as("%s logs in", user).isEqualTo("/");
    return (MockHttpSession) result.getRequest().getSession(false);
  }
}
