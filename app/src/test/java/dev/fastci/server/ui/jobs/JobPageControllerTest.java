package dev.fastci.server.ui.jobs;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import dev.fastci.contract.JobStatus;
import dev.fastci.contract.PipelineStatus;
import dev.fastci.logs.LogFiles;
import dev.fastci.server.runs.JobView;
import dev.fastci.server.runs.RunControls;
import dev.fastci.server.runs.RunDetail;
import dev.fastci.server.runs.RunService;
import dev.fastci.server.runs.TryView;
import dev.fastci.server.ui.UiWebMvcTest;
import dev.fastci.spec.JobSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

@UiWebMvcTest(JobPageController.class)
@WithUserDetails("admin")
class JobPageControllerTest {
  static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
  static final String LOG = "<script>x</script>\n\u001b[31mred\u001b[0m plain\n";

  @Autowired MockMvc mvc;
  @MockitoBean RunService runs;
  @MockitoBean RunControls controls;
  @MockitoBean LogFiles logs;
  @TempDir Path dir;

  @BeforeEach
  void failedJobWithTwoAttempts() throws Exception {
    when(runs.detail("r1")).thenReturn(run(List.of(1, 2)));
    when(runs.jobSpec("r1", "build"))
        .thenReturn(new JobSpec("build", "busybox", List.of("make", "test"), null, null, null));
    when(logs.jobLog("r1", "build", 1, 1))
        .thenReturn(Files.writeString(dir.resolve("1.log"), "one\n"));
    when(logs.jobLog("r1", "build", 2, 1)).thenReturn(Files.writeString(dir.resolve("2.log"), LOG));
  }

  static RunDetail run(List<Integer> attempts) {
    int latest = attempts.get(attempts.size() - 1);
    return new RunDetail(
        "r1",
        "p",
        PipelineStatus.FAILED,
        latest,
        T0,
        T0,
        T0.plusSeconds(9),
        null,
        null,
        null,
        null,
        List.of(
            new JobView(
                "build",
                JobStatus.FAILED,
                2,
                latest,
                T0,
                T0.plusSeconds(8),
                List.of(),
                "exit code 2",
                null,
                false,
                attempts)),
        List.of());
  }

  @Test
  void jobPageShowsTheLatestAttemptsLog() throws Exception {
    mvc.perform(get("/runs/r1/jobs/build"))
        .andExpect(status().isOk())
        .andExpect(view().name("jobs/log"))
        .andExpect(model().attribute("attempt", 2))
        .andExpect(model().attribute("lines", hasSize(2)))
        .andExpect(model().attribute("image", "busybox"))
        .andExpect(model().attribute("command", "make test"))
        .andExpect(model().attribute("ended", true));
  }

  @Test
  void logLinesAreEscaped() throws Exception {
    mvc.perform(get("/runs/r1/jobs/build"))
        .andExpect(content().string(containsString("&lt;script&gt;x&lt;/script&gt;")))
        .andExpect(content().string(not(containsString("<script>x"))));
  }

  @Test
  void ansiColourBecomesASpanClass() throws Exception {
    mvc.perform(get("/runs/r1/jobs/build"))
        .andExpect(content().string(containsString("<span class=\"ansi-fg-1\">red</span> plain")));
  }

  @Test
  void linesAreNumbered() throws Exception {
    mvc.perform(get("/runs/r1/jobs/build"))
        .andExpect(content().string(containsString("<span class=\"ln\">1</span>")))
        .andExpect(content().string(containsString("<span class=\"ln\">2</span>")))
        .andExpect(content().string(not(containsString("<span class=\"ln\">3</span>"))));
  }

  @Test
  void attemptPickerShowsWithTwoAttempts() throws Exception {
    mvc.perform(get("/runs/r1/jobs/build"))
        .andExpect(content().string(containsString("class=\"attempts\"")))
        .andExpect(content().string(containsString("/runs/r1/jobs/build?attempt=1")));
  }

  @Test
  void noAttemptPickerWithOneAttempt() throws Exception {
    when(runs.detail("r1")).thenReturn(run(List.of(1)));

    mvc.perform(get("/runs/r1/jobs/build"))
        .andExpect(status().isOk())
        .andExpect(content().string(not(containsString("class=\"attempts\""))));
  }

  @Test
  void aJobWithTwoTriesHasATryPickerAndShowsTheChosenTrysLogAndEnd() throws Exception {
    Instant t = T0;
    when(runs.tries(any(), eq("build"), eq(2)))
        .thenReturn(
            List.of(
                new TryView(1, JobStatus.FAILED, 1, null, t, t.plusSeconds(1), t.plusSeconds(3)),
                new TryView(
                    2, JobStatus.FAILED, 2, null, t.plusSeconds(3), t.plusSeconds(8), null)));
    when(logs.jobLog("r1", "build", 2, 2))
        .thenReturn(Files.writeString(dir.resolve("2.try2.log"), "second try\n"));

    mvc.perform(get("/runs/r1/jobs/build").param("try", "1"))
        .andExpect(model().attribute("shownTry", 1))
        .andExpect(model().attribute("shownExitCode", 1))
        .andExpect(content().string(containsString("id=\"tries\"")))
        .andExpect(content().string(containsString("/runs/r1/jobs/build?attempt=2&amp;try=2")))
        .andExpect(content().string(containsString("of 1")));
    mvc.perform(get("/runs/r1/jobs/build"))
        .andExpect(model().attribute("shownTry", 2))
        .andExpect(model().attribute("lines", List.of("second try")));
    mvc.perform(get("/runs/r1/jobs/build").param("try", "3")).andExpect(status().isNotFound());
  }

  @Test
  void earlierAttemptShowsItsOwnLog() throws Exception {
    mvc.perform(get("/runs/r1/jobs/build").param("attempt", "1"))
        .andExpect(model().attribute("attempt", 1))
        .andExpect(model().attribute("lines", List.of("one")));
  }

  @Test
  void attemptBeyondTheLatestIsA404Page() throws Exception {
    mvc.perform(get("/runs/r1/jobs/build").param("attempt", "3"))
        .andExpect(status().isNotFound())
        .andExpect(view().name("error"));
  }

  @Test
  void unknownJobIsA404Page() throws Exception {
    mvc.perform(get("/runs/r1/jobs/nope"))
        .andExpect(status().isNotFound())
        .andExpect(view().name("error"))
        .andExpect(model().attribute("message", "run r1 has no job nope"));
  }

  @Test
  void rawLogDownloadsTheBytesAsAnAttachment() throws Exception {
    mvc.perform(get("/runs/r1/jobs/build/raw").param("attempt", "2"))
        .andExpect(status().isOk())
        .andExpect(
            header().string("Content-Disposition", "attachment; filename=\"r1-build-2.log\""))
        .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_PLAIN))
        .andExpect(content().bytes(Files.readAllBytes(dir.resolve("2.log"))));
  }

  @Test
  void streamIsAnEventStreamThatEndsWithTheJob() throws Exception {
    MvcResult started =
        mvc.perform(get("/runs/r1/jobs/build/stream").param("attempt", "2"))
            .andExpect(request().asyncStarted())
            .andReturn();

    mvc.perform(asyncDispatch(started))
        .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM))
        .andExpect(content().string(containsString("event:lines")))
        .andExpect(content().string(containsString("&lt;script&gt;x&lt;/script&gt;")))
        .andExpect(content().string(containsString("event:status\ndata:FAILED")))
        .andExpect(content().string(containsString("event:end")));
  }
}
