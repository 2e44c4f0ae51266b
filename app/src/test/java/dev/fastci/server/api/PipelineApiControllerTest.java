package dev.fastci.server.api;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.nullValue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fastci.contract.JobStatus;
import dev.fastci.contract.PipelineStatus;
import dev.fastci.server.runs.JobView;
import dev.fastci.server.runs.RunConflictException;
import dev.fastci.server.runs.RunControls;
import dev.fastci.server.runs.RunDetail;
import dev.fastci.server.runs.RunEvent;
import dev.fastci.server.runs.RunNotFoundException;
import dev.fastci.server.runs.RunService;
import dev.fastci.server.runs.RunStore;
import dev.fastci.server.runs.RunSummary;
import dev.fastci.server.runs.Trigger;
import dev.fastci.server.runs.TryViews;
import dev.fastci.server.security.SecurityConfiguration;
import dev.fastci.spec.InvalidSpecException;
import dev.fastci.spec.RunFacts;
import dev.fastci.spec.SpecError;
import dev.fastci.spec.SpecFormat;
import dev.fastci.testing.StoreSlice;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@WebMvcTest(controllers = PipelineApiController.class, properties = "fastci.api-token=test-token")
@Import({SecurityConfiguration.class, StoreSlice.class})
class PipelineApiControllerTest {
  private static final RunFacts API_FACTS = new RunFacts("api", null, null);
  static final String AUTH = "Bearer test-token";
  static final String SPEC = "{\"name\":\"p\",\"jobs\":[]}";
  static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

  @Autowired MockMvc mvc;
  @MockitoBean RunService runs;
  @MockitoBean RunControls controls;
  @MockitoBean RunStore store;

  private static MockHttpServletRequestBuilder authed(MockHttpServletRequestBuilder request) {
    return request.header("Authorization", AUTH);
  }

  // --- auth ---

  static Stream<Arguments> routes() {
    return Stream.of(
        Arguments.of(HttpMethod.POST, "/api/pipelines"),
        Arguments.of(HttpMethod.GET, "/api/pipelines"),
        Arguments.of(HttpMethod.GET, "/api/pipelines/r1"),
        Arguments.of(HttpMethod.POST, "/api/pipelines/r1/cancel"),
        Arguments.of(HttpMethod.POST, "/api/pipelines/r1/jobs/build/cancel"),
        Arguments.of(HttpMethod.POST, "/api/pipelines/r1/retry"),
        Arguments.of(HttpMethod.POST, "/api/pipelines/r1/jobs/build/retry"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("routes")
  void routeWithoutTokenIs401(HttpMethod method, String path) throws Exception {
    mvc.perform(request(method, path).contentType(MediaType.APPLICATION_JSON).content(SPEC))
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.error").isNotEmpty());
    verifyNoInteractions(runs, store);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("routes")
  void routeWithWrongTokenIs401(HttpMethod method, String path) throws Exception {
    mvc.perform(
            request(method, path)
                .header("Authorization", "Bearer not-the-token")
                .contentType(MediaType.APPLICATION_JSON)
                .content(SPEC))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.error").isNotEmpty());
    verifyNoInteractions(runs, store);
  }

  @Test
  void tokenInAnotherSchemeIs401() throws Exception {
    mvc.perform(get("/api/pipelines").header("Authorization", "Basic test-token"))
        .andExpect(status().isUnauthorized());
  }

  // --- submit ---

  @Test
  void submitIs201WithTheRunId() throws Exception {
    when(runs.submit(SPEC, SpecFormat.AUTO, Trigger.of("api"), API_FACTS, Map.of()))
        .thenReturn("r1");

    mvc.perform(
            authed(post("/api/pipelines")).contentType(MediaType.APPLICATION_JSON).content(SPEC))
        .andExpect(status().isCreated())
        .andExpect(content().json("{\"id\":\"r1\"}", true));
  }

  @Test
  void submitOfAnInvalidSpecIs400WithEveryError() throws Exception {
    when(runs.submit(any(), any(), any(), any(), any()))
        .thenThrow(
            new InvalidSpecException(
                List.of(
                    new SpecError("jobs[0].name", "required"),
                    new SpecError("jobs[1].image", "required"))));

    mvc.perform(
            authed(post("/api/pipelines")).contentType(MediaType.APPLICATION_JSON).content(SPEC))
        .andExpect(status().isBadRequest())
        .andExpect(
            content()
                .json(
                    """
                    {"errors":[{"path":"jobs[0].name","message":"required"},
                               {"path":"jobs[1].image","message":"required"}]}
                    """,
                    true));
  }

  @ParameterizedTest
  @ValueSource(strings = {"application/yaml", "application/x-yaml", "text/yaml"})
  void submitWithAYamlContentTypeParsesYaml(String type) throws Exception {
    when(runs.submit(any(), any(), any(), any(), any())).thenReturn("r1");

    mvc.perform(authed(post("/api/pipelines")).contentType(type).content("name: p\njobs: []\n"))
        .andExpect(status().isCreated());

    verify(runs)
        .submit("name: p\njobs: []\n", SpecFormat.YAML, Trigger.of("api"), API_FACTS, Map.of());
  }

  @Test
  void submitWithCliTriggerHeaderRecordsCli() throws Exception {
    when(runs.submit(any(), any(), any(), any(), any())).thenReturn("r1");

    mvc.perform(
            authed(post("/api/pipelines"))
                .header("X-FastCI-Trigger", "cli")
                .contentType(MediaType.APPLICATION_JSON)
                .content(SPEC))
        .andExpect(status().isCreated());

    verify(runs)
        .submit(
            SPEC, SpecFormat.AUTO, Trigger.of("cli"), new RunFacts("manual", null, null), Map.of());
  }

  @Test
  void submitCannotClaimAPushTrigger() throws Exception {
    when(runs.submit(any(), any(), any(), any(), any())).thenReturn("r1");

    mvc.perform(
            authed(post("/api/pipelines"))
                .header("X-FastCI-Trigger", "push")
                .contentType(MediaType.APPLICATION_JSON)
                .content(SPEC))
        .andExpect(status().isCreated());

    verify(runs).submit(SPEC, SpecFormat.AUTO, Trigger.of("api"), API_FACTS, Map.of());
  }

  @Test
  void submitAsAFormIs415() throws Exception {
    mvc.perform(
            authed(post("/api/pipelines"))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .content(SPEC))
        .andExpect(status().isUnsupportedMediaType())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.error", containsString("application/json")));
    verifyNoInteractions(runs);
  }

  // --- list ---

  @Test
  void listAnswersItemsAndTotal() throws Exception {
    when(store.list(null, null, 50, 0))
        .thenReturn(
            List.of(
                new RunSummary(
                    "r2", "p", PipelineStatus.RUNNING, T0, T0, null, 1, "{\"type\":\"api\"}"),
                new RunSummary(
                    "r1", "p", PipelineStatus.FAILED, T0, T0, T0, 2, "{\"type\":\"cli\"}")));
    when(store.count(null, null)).thenReturn(7L);

    mvc.perform(authed(get("/api/pipelines")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.total").value(7))
        .andExpect(jsonPath("$.items.length()").value(2))
        .andExpect(jsonPath("$.items[0].id").value("r2"))
        .andExpect(jsonPath("$.items[0].status").value("RUNNING"))
        .andExpect(jsonPath("$.items[0].createdAt").value("2024-05-01T10:00:00Z"))
        .andExpect(jsonPath("$.items[0].finishedAt").value(nullValue()))
        .andExpect(jsonPath("$.items[1].id").value("r1"))
        .andExpect(jsonPath("$.items[1].attempt").value(2));
  }

  @Test
  void listPassesFiltersAndPageToTheStore() throws Exception {
    mvc.perform(
            authed(get("/api/pipelines"))
                .param("status", "FAILED")
                .param("name", "build")
                .param("limit", "10")
                .param("offset", "20"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items").isArray());

    verify(store).list(PipelineStatus.FAILED, "build", 10, 20);
    verify(store).count(PipelineStatus.FAILED, "build");
  }

  @Test
  void listTreatsABlankNameAsNoFilter() throws Exception {
    mvc.perform(authed(get("/api/pipelines")).param("name", " ")).andExpect(status().isOk());

    verify(store).list(null, null, 50, 0);
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({"limit,0", "limit,501", "limit,ten", "offset,-1", "status,BOGUS"})
  void listWithABadParameterIs400(String param, String value) throws Exception {
    mvc.perform(authed(get("/api/pipelines")).param(param, value))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error", containsString(param)));
    verify(store, never()).list(any(), any(), anyInt(), anyInt());
  }

  // --- detail ---

  @Test
  void detailAnswersTheRunWithItsJobs() throws Exception {
    RunDetail run =
        detail(
            PipelineStatus.FAILED,
            2,
            List.of(
                new JobView(
                    "build",
                    JobStatus.FAILED,
                    3,
                    2,
                    T0.plusSeconds(2),
                    T0.plusSeconds(8),
                    List.of(),
                    "exit code 3",
                    "host-a",
                    false,
                    List.of(1, 2)),
                new JobView(
                    "test",
                    JobStatus.SKIPPED,
                    null,
                    2,
                    null,
                    null,
                    List.of("build"),
                    null,
                    null,
                    false,
                    List.of())),
            List.of(new RunEvent(T0.plusSeconds(5), 2, "host x lost")));
    when(runs.detail("r1")).thenReturn(run);

    mvc.perform(authed(get("/api/pipelines/r1")))
        .andExpect(status().isOk())
        .andExpect(
            jsonPath(
                "$",
                allOf(
                    hasKey("id"),
                    hasKey("name"),
                    hasKey("status"),
                    hasKey("attempt"),
                    hasKey("createdAt"),
                    hasKey("startedAt"),
                    hasKey("finishedAt"),
                    hasKey("spec"),
                    hasKey("trigger"),
                    hasKey("jobs"))))
        .andExpect(jsonPath("$.id").value("r1"))
        .andExpect(jsonPath("$.status").value("FAILED"))
        .andExpect(jsonPath("$.attempt").value(2))
        .andExpect(jsonPath("$.createdAt").value("2024-05-01T10:00:00Z"))
        .andExpect(jsonPath("$.startedAt").value("2024-05-01T10:00:01Z"))
        .andExpect(jsonPath("$.finishedAt").value("2024-05-01T10:00:09Z"))
        .andExpect(jsonPath("$.spec.name").value("p"))
        .andExpect(jsonPath("$.trigger.type").value("cli"))
        .andExpect(
            jsonPath(
                "$.jobs[1]",
                allOf(
                    hasKey("name"),
                    hasKey("status"),
                    hasKey("exitCode"),
                    hasKey("attempt"),
                    hasKey("startedAt"),
                    hasKey("finishedAt"),
                    hasKey("parents"),
                    hasKey("error"),
                    hasKey("host"),
                    hasKey("cached"))))
        .andExpect(jsonPath("$.jobs[0].name").value("build"))
        .andExpect(jsonPath("$.jobs[0].status").value("FAILED"))
        .andExpect(jsonPath("$.jobs[0].exitCode").value(3))
        .andExpect(jsonPath("$.jobs[0].attempt").value(2))
        .andExpect(jsonPath("$.jobs[0].startedAt").value("2024-05-01T10:00:02Z"))
        .andExpect(jsonPath("$.jobs[0].error").value("exit code 3"))
        .andExpect(jsonPath("$.jobs[0].host").value("host-a"))
        .andExpect(jsonPath("$.jobs[0].cached").value(false))
        .andExpect(jsonPath("$.jobs[1].parents[0]").value("build"))
        .andExpect(jsonPath("$.jobs[1].exitCode").value(nullValue()))
        .andExpect(jsonPath("$.events[0].at").value("2024-05-01T10:00:05Z"))
        .andExpect(jsonPath("$.events[0].attempt").value(2))
        .andExpect(jsonPath("$.events[0].message").value("host x lost"));
  }

  @Test
  void detailListsEachTryOfAJobWithRetry() throws Exception {
    RunDetail run =
        detail(
            PipelineStatus.SUCCEEDED,
            1,
            List.of(
                new JobView(
                    "flaky",
                    JobStatus.SUCCEEDED,
                    0,
                    1,
                    T0,
                    T0.plusSeconds(4),
                    List.of(),
                    null,
                    "host-a",
                    false,
                    List.of(1),
                    null,
                    "flaky",
                    null,
                    TryViews.failedThenSucceeded(T0),
                    3)),
            List.of());
    when(runs.detail("r1")).thenReturn(run);

    mvc.perform(authed(get("/api/pipelines/r1")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.jobs[0].maxTries").value(3))
        .andExpect(jsonPath("$.jobs[0].tries.length()").value(2))
        .andExpect(jsonPath("$.jobs[0].tries[0].try").value(1))
        .andExpect(jsonPath("$.jobs[0].tries[0].status").value("FAILED"))
        .andExpect(jsonPath("$.jobs[0].tries[0].exitCode").value(1))
        .andExpect(jsonPath("$.jobs[0].tries[0].retryAt").value("2024-05-01T10:00:03Z"))
        .andExpect(jsonPath("$.jobs[0].tries[1].try").value(2))
        .andExpect(jsonPath("$.jobs[0].tries[1].status").value("SUCCEEDED"))
        .andExpect(jsonPath("$.jobs[0].tries[1].retryAt").value(nullValue()));
  }

  private static RunDetail detail(
      PipelineStatus status, int attempt, List<JobView> jobs, List<RunEvent> events)
      throws Exception {
    ObjectMapper json = new ObjectMapper();
    return new RunDetail(
        "r1",
        "p",
        status,
        attempt,
        T0,
        T0.plusSeconds(1),
        T0.plusSeconds(9),
        json.readTree("{\"name\":\"p\",\"jobs\":[]}"),
        json.readTree("{\"type\":\"cli\"}"),
        null,
        "host-a",
        jobs,
        events);
  }

  @Test
  void detailOfAnUnknownRunIs404() throws Exception {
    when(runs.detail("nope")).thenThrow(new RunNotFoundException("no run nope"));

    mvc.perform(authed(get("/api/pipelines/nope")))
        .andExpect(status().isNotFound())
        .andExpect(content().json("{\"error\":\"no run nope\"}", true));
  }

  // --- cancel and retry ---

  static Stream<Arguments> actions() {
    return Stream.of(
        Arguments.of(
            Named.of("cancel", "/api/pipelines/r1/cancel"),
            (Consumer<RunControls>) s -> s.cancel("r1")),
        Arguments.of(
            Named.of("cancel job", "/api/pipelines/r1/jobs/build/cancel"),
            (Consumer<RunControls>) s -> s.cancelJob("r1", "build")),
        Arguments.of(
            Named.of("retry", "/api/pipelines/r1/retry"),
            (Consumer<RunControls>) s -> s.retry("r1")),
        Arguments.of(
            Named.of("retry job", "/api/pipelines/r1/jobs/build/retry"),
            (Consumer<RunControls>) s -> s.retryJob("r1", "build")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("actions")
  void actionIs202(String path, Consumer<RunControls> call) throws Exception {
    mvc.perform(authed(post(path)))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.id").value("r1"));

    call.accept(verify(controls));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("actions")
  void actionOnAnUnknownRunOrJobIs404(String path, Consumer<RunControls> call) throws Exception {
    call.accept(doThrow(new RunNotFoundException("no run r1")).when(controls));

    mvc.perform(authed(post(path)))
        .andExpect(status().isNotFound())
        .andExpect(content().json("{\"error\":\"no run r1\"}", true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("actions")
  void actionInTheWrongStateIs409(String path, Consumer<RunControls> call) throws Exception {
    call.accept(doThrow(new RunConflictException("run r1 is still RUNNING")).when(controls));

    mvc.perform(authed(post(path)))
        .andExpect(status().isConflict())
        .andExpect(content().json("{\"error\":\"run r1 is still RUNNING\"}", true));
  }

  @Test
  void retryAnswersTheNewAttempt() throws Exception {
    when(controls.retry("r1")).thenReturn(3);
    when(controls.retryJob("r1", "build")).thenReturn(4);

    mvc.perform(authed(post("/api/pipelines/r1/retry")))
        .andExpect(content().json("{\"id\":\"r1\",\"attempt\":3}", true));
    mvc.perform(authed(post("/api/pipelines/r1/jobs/build/retry")))
        .andExpect(content().json("{\"id\":\"r1\",\"job\":\"build\",\"attempt\":4}", true));
  }
}
