package dev.fastci.server.ui.run;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fastci.artifacts.Artifact;
import dev.fastci.artifacts.ArtifactDirs;
import dev.fastci.contract.JobStatus;
import dev.fastci.contract.PipelineStatus;
import dev.fastci.server.runs.JobView;
import dev.fastci.server.runs.RunConflictException;
import dev.fastci.server.runs.RunControls;
import dev.fastci.server.runs.RunDetail;
import dev.fastci.server.runs.RunEvent;
import dev.fastci.server.runs.RunNotFoundException;
import dev.fastci.server.runs.RunService;
import dev.fastci.server.ui.UiWebMvcTest;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@UiWebMvcTest(RunPageController.class)
@WithUserDetails("admin")
class RunPageControllerTest {
  static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

  @Autowired MockMvc mvc;
  @MockitoBean RunService runs;
  @MockitoBean RunControls controls;
  @MockitoBean ArtifactDirs artifacts;

  static RunDetail run(String name) throws Exception {
    ObjectMapper json = new ObjectMapper();
    return new RunDetail(
        "r1",
        name,
        PipelineStatus.FAILED,
        1,
        T0,
        T0,
        T0.plusSeconds(4),
        json.readTree("{\"name\":\"p\",\"jobs\":[]}"),
        json.readTree("{\"type\":\"manual\"}"),
        null,
        "host-a",
        List.of(
            new JobView(
                "build",
                JobStatus.FAILED,
                1,
                1,
                T0,
                T0.plusSeconds(3),
                List.of(),
                "exit code 1",
                "host-a",
                false,
                List.of(1))),
        List.of());
  }

  @Test
  void runPageShowsGraphTimelineAndJobs() throws Exception {
    when(runs.detail("r1")).thenReturn(run("p"));

    mvc.perform(get("/runs/r1"))
        .andExpect(status().isOk())
        .andExpect(view().name("runs/detail"))
        .andExpect(model().attributeExists("run", "dag", "timeline", "jobs", "csrf"))
        .andExpect(model().attribute("liveUrl", "/runs/r1/live"))
        .andExpect(content().string(containsString("data-job=\"build\"")))
        .andExpect(content().string(containsString("id=\"retry-run\"")));
  }

  @Test
  void runPageListsTheKeptFilesWithSizeAndDownloadLinks() throws Exception {
    when(runs.detail("r1")).thenReturn(run("p"));
    when(artifacts.list("r1")).thenReturn(List.of(new Artifact("b", 1, "dist/app.jar", 2048)));

    mvc.perform(get("/runs/r1"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("href=\"/runs/r1/artifacts/b/1/dist/app.jar\"")))
        .andExpect(content().string(containsString("2.0 KiB")))
        .andExpect(content().string(containsString("href=\"/runs/r1/artifacts.zip\"")));
  }

  @Test
  void runPageWithoutKeptFilesHasNoArtifactsSection() throws Exception {
    when(runs.detail("r1")).thenReturn(run("p"));

    mvc.perform(get("/runs/r1"))
        .andExpect(content().string(not(containsString("id=\"artifacts\""))));
  }

  @Test
  void runPageShowsTheRunsEvents() throws Exception {
    RunDetail moved = run("p");
    moved =
        new RunDetail(
            moved.id(),
            moved.name(),
            moved.status(),
            moved.attempt(),
            moved.createdAt(),
            moved.startedAt(),
            moved.finishedAt(),
            moved.spec(),
            moved.trigger(),
            moved.error(),
            "host-b",
            moved.jobs(),
            List.of(new RunEvent(T0.plusSeconds(2), 1, "host host-a lost; <b>continuing</b>")));
    when(runs.detail("r1")).thenReturn(moved);

    mvc.perform(get("/runs/r1"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("id=\"run-events\"")))
        .andExpect(content().string(containsString("host host-a lost; &lt;b&gt;continuing")));
  }

  @Test
  void runNameIsEscaped() throws Exception {
    when(runs.detail("r1")).thenReturn(run("<script>alert(1)</script>"));

    mvc.perform(get("/runs/r1"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("&lt;script&gt;alert(1)&lt;/script&gt;")))
        .andExpect(content().string(not(containsString("<script>alert(1)"))));
  }

  @Test
  void noTemporalWebLinkWithoutItsUrl() throws Exception {
    when(runs.detail("r1")).thenReturn(run("p"));

    mvc.perform(get("/runs/r1"))
        .andExpect(model().attribute("temporalUrl", (Object) null))
        .andExpect(content().string(not(containsString("Temporal Web"))));
  }

  @Test
  void unknownRunIsA404Page() throws Exception {
    when(runs.detail("nope")).thenThrow(new RunNotFoundException("no run nope"));

    mvc.perform(get("/runs/nope"))
        .andExpect(status().isNotFound())
        .andExpect(view().name("error"))
        .andExpect(model().attribute("message", "no run nope"))
        .andExpect(content().string(containsString("no run nope")));
  }

  static Stream<Arguments> actions() {
    return Stream.of(
        Arguments.of(
            Named.of("cancel", "/runs/r1/cancel"),
            (Consumer<RunControls>) s -> s.cancel("r1"),
            "Cancelling the run."),
        Arguments.of(
            Named.of("retry", "/runs/r1/retry"),
            (Consumer<RunControls>) s -> s.retry("r1"),
            "Retrying the jobs that did not succeed."),
        Arguments.of(
            Named.of("cancel job", "/runs/r1/jobs/build/cancel"),
            (Consumer<RunControls>) s -> s.cancelJob("r1", "build"),
            "Cancelling job build."),
        Arguments.of(
            Named.of("retry job", "/runs/r1/jobs/build/retry"),
            (Consumer<RunControls>) s -> s.retryJob("r1", "build"),
            "Retrying job build."),
        Arguments.of(
            Named.of("approve", "/runs/r1/jobs/gate/approve"),
            (Consumer<RunControls>) s -> s.decide("r1", "gate", true, "admin", null),
            "Approved gate."),
        Arguments.of(
            Named.of("reject", "/runs/r1/jobs/gate/reject"),
            (Consumer<RunControls>) s -> s.decide("r1", "gate", false, "admin", null),
            "Rejected gate."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("actions")
  void actionRedirectsToTheRunWithAFlash(String path, Consumer<RunControls> call, String done)
      throws Exception {
    mvc.perform(post(path).with(csrf()))
        .andExpect(redirectedUrl("/runs/r1"))
        .andExpect(flash().attribute("flash", done));

    call.accept(verify(controls));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("actions")
  void actionInTheWrongStateFlashesTheError(String path, Consumer<RunControls> call, String done)
      throws Exception {
    call.accept(doThrow(new RunConflictException("run r1 is still RUNNING")).when(controls));

    mvc.perform(post(path).with(csrf()))
        .andExpect(redirectedUrl("/runs/r1"))
        .andExpect(flash().attribute("flashError", "run r1 is still RUNNING"))
        .andExpect(flash().attributeCount(1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("actions")
  void actionWithoutCsrfIsForbidden(String path, Consumer<RunControls> call, String done)
      throws Exception {
    mvc.perform(post(path)).andExpect(status().isForbidden());

    verifyNoInteractions(runs);
  }
}
