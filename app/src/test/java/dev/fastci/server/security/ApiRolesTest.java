package dev.fastci.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.fastci.server.users.Role;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Every API call with the personal token of each role: the roles below the call's are refused with
 * a 403 naming the role it needs; the others get past the security chain (to whatever the call
 * answers: 200, 201, 404, 409...).
 */
class ApiRolesTest extends ServerWithUsers {
  static final String SPEC =
      "{\"name\":\"p\",\"jobs\":[{\"name\":\"a\",\"image\":\"busybox\",\"command\":\"true\"}]}";

  /** Each call and the least role it needs. */
  static Stream<Arguments> calls() {
    return Stream.of(
        call(Role.VIEWER, HttpMethod.GET, "/api/pipelines", null),
        call(Role.VIEWER, HttpMethod.GET, "/api/pipelines/nope", null),
        call(Role.VIEWER, HttpMethod.GET, "/api/pipelines/nope/jobs/a/log", null),
        call(Role.VIEWER, HttpMethod.GET, "/api/pipelines/nope/services/db/log", null),
        call(Role.VIEWER, HttpMethod.GET, "/api/caches", null),
        call(Role.VIEWER, HttpMethod.GET, "/api/pipelines/nope/history", null),
        call(Role.VIEWER, HttpMethod.GET, "/actuator/prometheus", null),
        call(Role.VIEWER, HttpMethod.GET, "/api/repos", null),
        call(Role.VIEWER, HttpMethod.GET, "/api/repos/999", null),
        call(Role.VIEWER, HttpMethod.GET, "/api/schedules", null),
        call(Role.VIEWER, HttpMethod.GET, "/api/schedules/nope", null),
        call(Role.VIEWER, HttpMethod.GET, "/api/pipelines/nope/artifacts", null),
        call(Role.VIEWER, HttpMethod.GET, "/api/pipelines/nope/artifacts/a/dist/x.jar", null),
        call(Role.VIEWER, HttpMethod.GET, "/api/pipelines/nope/artifacts.zip", null),
        call(Role.VIEWER, HttpMethod.GET, "/api/artifacts/latest?pipeline=p&path=x", null),
        call(Role.OPERATOR, HttpMethod.POST, "/api/pipelines", SPEC),
        call(Role.OPERATOR, HttpMethod.POST, "/api/pipelines/nope/cancel", null),
        call(Role.OPERATOR, HttpMethod.POST, "/api/pipelines/nope/jobs/a/cancel", null),
        call(Role.OPERATOR, HttpMethod.POST, "/api/pipelines/nope/retry", null),
        call(Role.OPERATOR, HttpMethod.POST, "/api/pipelines/nope/jobs/a/retry", null),
        call(Role.OPERATOR, HttpMethod.POST, "/api/pipelines/nope/jobs/a/approve", null),
        call(
            Role.OPERATOR,
            HttpMethod.POST,
            "/api/pipelines/nope/jobs/a/reject",
            "{\"comment\":\"no\"}"),
        call(Role.OPERATOR, HttpMethod.DELETE, "/api/caches/nope", null),
        call(Role.OPERATOR, HttpMethod.DELETE, "/api/caches", null),
        call(Role.OPERATOR, HttpMethod.POST, "/api/schedules", "{\"cron\":\"@daily\"}"),
        call(Role.OPERATOR, HttpMethod.POST, "/api/schedules/nope/pause", null),
        call(Role.OPERATOR, HttpMethod.POST, "/api/schedules/nope/resume", null),
        call(Role.OPERATOR, HttpMethod.POST, "/api/schedules/nope/run", null),
        call(Role.OPERATOR, HttpMethod.DELETE, "/api/schedules/nope", null),
        call(Role.ADMIN, HttpMethod.PUT, "/api/pipelines/nope/jobs/a/log?attempt=1&offset=0", "x"),
        call(
            Role.ADMIN,
            HttpMethod.PUT,
            "/api/pipelines/nope/services/db/log?attempt=1&offset=0",
            "x"),
        call(Role.ADMIN, HttpMethod.DELETE, "/api/pipelines/nope/jobs/a/artifacts/1", null),
        call(
            Role.ADMIN,
            HttpMethod.PUT,
            "/api/pipelines/nope/jobs/a/artifacts/1/dist/x.jar?offset=0",
            "x"),
        call(Role.ADMIN, HttpMethod.GET, "/api/users", null),
        call(Role.ADMIN, HttpMethod.POST, "/api/users", "{\"name\":\"new-one\",\"role\":\"x\"}"),
        call(Role.ADMIN, HttpMethod.PATCH, "/api/users/nobody", "{\"role\":\"viewer\"}"),
        call(Role.ADMIN, HttpMethod.DELETE, "/api/users/nobody", null),
        call(Role.ADMIN, HttpMethod.GET, "/api/audit", null),
        call(Role.ADMIN, HttpMethod.GET, "/api/users/nobody/tokens", null),
        call(Role.ADMIN, HttpMethod.POST, "/api/users/nobody/tokens", "{\"name\":\"x\"}"),
        call(Role.ADMIN, HttpMethod.DELETE, "/api/users/nobody/tokens/x", null),
        call(Role.ADMIN, HttpMethod.POST, "/actuator/prometheus", null),
        call(Role.ADMIN, HttpMethod.POST, "/api/repos", "{\"forge\":\"nope\"}"),
        call(Role.ADMIN, HttpMethod.PATCH, "/api/repos/999", "{\"trusted\":true}"),
        call(Role.ADMIN, HttpMethod.DELETE, "/api/repos/999", null));
  }

  private static Arguments call(Role least, HttpMethod method, String path, String body) {
    return Arguments.of(least, method, path, body);
  }

  /** Every (call, role) pair. */
  static Stream<Arguments> callsByRole() {
    return forEachRole(calls());
  }

  @ParameterizedTest(name = "{1} {2} as {4}")
  @MethodSource("callsByRole")
  void eachRoleOnEachCall(Role least, HttpMethod method, String path, String body, Role role)
      throws Exception {
    MvcResult result = mvc.perform(as(role, method, path, body)).andReturn();
    int status = result.getResponse().getStatus();
    if (role.atLeast(least)) {
      assertThat(status)
          .as("%s %s as %s: %s", method, path, role, result.getResponse().getContentAsString())
          .isNotIn(401, 403);
    } else {
      mvc.perform(as(role, method, path, body))
          .andExpect(status().isForbidden())
          .andExpect(jsonPath("$.role").value(least.shown()))
          .andExpect(jsonPath("$.error", containsString("needs the " + least.shown() + " role")))
          .andExpect(jsonPath("$.error", containsString(USERS.get(role) + " (token t)")));
    }
  }

  @Test
  void aViewerManagesTheirOwnTokensButNotAnothersOrAHigherRole() throws Exception {
    String vera = "/api/users/" + USERS.get(Role.VIEWER) + "/tokens";
    mvc.perform(as(Role.VIEWER, HttpMethod.GET, vera, null)).andExpect(status().isOk());
    mvc.perform(as(Role.VIEWER, HttpMethod.POST, vera, "{\"name\":\"laptop\"}"))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.role").value("viewer"));
    mvc.perform(as(Role.VIEWER, HttpMethod.POST, vera, "{\"name\":\"up\",\"role\":\"admin\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error").value("role: may be at most viewer, the role of vera"));
    mvc.perform(
            as(
                Role.VIEWER,
                HttpMethod.GET,
                "/api/users/" + USERS.get(Role.ADMIN) + "/tokens",
                null))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.role").value("admin"));
  }

  @Test
  void withoutATokenTheApiIs401AndWithTheServerWideTokenItActsAsAdmin() throws Exception {
    mvc.perform(request(HttpMethod.GET, "/api/users"))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.error").value("missing or wrong bearer token"));
    mvc.perform(
            request(HttpMethod.GET, "/api/users")
                .header("Authorization", "Bearer server-wide-token"))
        .andExpect(status().isOk());
    mvc.perform(request(HttpMethod.GET, "/api/health")).andExpect(status().isOk());
  }

  @Test
  void withoutATokenTheMetricsAre401() throws Exception {
    mvc.perform(request(HttpMethod.GET, "/actuator/prometheus"))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.error").value("missing or wrong bearer token"));
  }

  @Test
  void theBadgesAndTheForgesWebhooksNeedNoTokenButTheRepositoriesDo() throws Exception {
    mvc.perform(request(HttpMethod.GET, "/api/repos/999/badge.svg"))
        .andExpect(status().isOk())
        .andExpect(content().contentType("image/svg+xml"));
    mvc.perform( // past the security chain: the hook itself says the repository is unknown
            request(HttpMethod.POST, "/api/hooks/github")
                .header("X-GitHub-Event", "push")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"repository\":{\"full_name\":\"octo/unregistered\"}}"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.error", containsString("octo/unregistered")));
    mvc.perform(request(HttpMethod.GET, "/api/repos")).andExpect(status().isUnauthorized());
  }

  private static MockHttpServletRequestBuilder as(
      Role role, HttpMethod method, String path, String body) {
    MockHttpServletRequestBuilder call =
        request(method, path).header("Authorization", "Bearer " + token(role));
    return body == null
        ? call
        : call.contentType(body.startsWith("{") ? MediaType.APPLICATION_JSON : MediaType.TEXT_PLAIN)
            .content(body);
  }
}
