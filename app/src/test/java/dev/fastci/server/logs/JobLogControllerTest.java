package dev.fastci.server.logs;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.fastci.contract.JobStatus;
import dev.fastci.contract.PipelineStatus;
import dev.fastci.logs.LogFiles;
import dev.fastci.server.runs.JobView;
import dev.fastci.server.runs.RunControls;
import dev.fastci.server.runs.RunDetail;
import dev.fastci.server.runs.RunNotFoundException;
import dev.fastci.server.runs.RunService;
import dev.fastci.server.runs.TryViews;
import dev.fastci.server.security.SecurityConfiguration;
import dev.fastci.testing.StoreSlice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@WebMvcTest(controllers = JobLogController.class, properties = "fastci.api-token=test-token")
@Import({SecurityConfiguration.class, StoreSlice.class})
class JobLogControllerTest {
  static final String URL = "/api/pipelines/r1/jobs/build/log";
  static final String LOG = "line 1\nline 2\n";

  @Autowired MockMvc mvc;
  @MockitoBean RunService runs;
  @MockitoBean RunControls controls;
  @MockitoBean LogFiles logs;
  @TempDir Path dir;
  Path log;

  @BeforeEach
  void jobWithALog() throws Exception {
    log = Files.writeString(dir.resolve("build.1.log"), LOG);
    when(logs.jobLog("r1", "build", 1, 1)).thenReturn(log);
    when(runs.detail("r1")).thenReturn(run(PipelineStatus.SUCCEEDED, JobStatus.SUCCEEDED, 1));
  }

  static RunDetail run(PipelineStatus status, JobStatus job, int attempt) {
    Instant t = Instant.parse("2024-05-01T10:00:00Z");
    return new RunDetail(
        "r1",
        "p",
        status,
        attempt,
        t,
        t,
        null,
        null,
        null,
        null,
        null,
        List.of(
            new JobView(
                "build", job, null, attempt, t, null, List.of(), null, null, false, List.of())),
        List.of());
  }

  /** Performs the request and, the body being streamed, its async dispatch. */
  private ResultActions stream(MockHttpServletRequestBuilder request) throws Exception {
    MvcResult started =
        mvc.perform(request.header("Authorization", "Bearer test-token"))
            .andExpect(request().asyncStarted())
            .andReturn();
    return mvc.perform(asyncDispatch(started));
  }

  private ResultActions call(MockHttpServletRequestBuilder request) throws Exception {
    return mvc.perform(request.header("Authorization", "Bearer test-token"));
  }

  @Test
  void logIsTheFileAsTextPlain() throws Exception {
    stream(get(URL))
        .andExpect(status().isOk())
        .andExpect(content().contentType("text/plain;charset=UTF-8"))
        .andExpect(content().string(LOG));
  }

  @Test
  void offsetSkipsThatManyBytes() throws Exception {
    stream(get(URL).param("offset", "7")).andExpect(content().string("line 2\n"));
  }

  @Test
  void logNotWrittenYetIsEmpty() throws Exception {
    when(logs.jobLog("r1", "build", 1, 1)).thenReturn(dir.resolve("none.log"));

    stream(get(URL)).andExpect(status().isOk()).andExpect(content().string(""));
  }

  @Test
  void earlierAttemptReadsItsOwnFile() throws Exception {
    when(runs.detail("r1")).thenReturn(run(PipelineStatus.FAILED, JobStatus.FAILED, 2));

    stream(get(URL).param("attempt", "1")).andExpect(content().string(LOG));
    verify(logs).jobLog("r1", "build", 1, 1);
  }

  @Test
  void aTryReadsItsOwnFileAndTheLatestTryIsTheDefault() throws Exception {
    when(runs.tries(any(), eq("build"), eq(1)))
        .thenReturn(TryViews.failedThenSucceeded(Instant.EPOCH));
    when(logs.jobLog("r1", "build", 1, 2))
        .thenReturn(Files.writeString(dir.resolve("build.1.try2.log"), "second\n"));

    stream(get(URL).param("try", "1")).andExpect(content().string(LOG));
    stream(get(URL)).andExpect(content().string("second\n"));
  }

  @Test
  void aTryTheAttemptDoesNotHaveIs404() throws Exception {
    when(runs.tries(any(), eq("build"), eq(1)))
        .thenReturn(TryViews.failedThenSucceeded(Instant.EPOCH));

    call(get(URL).param("try", "3"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.error").value("attempt 1 of job build has no try 3"));
  }

  @Test
  void followOnAFinishedJobReturnsTheWholeFileAndEnds() throws Exception {
    stream(get(URL).param("follow", "true"))
        .andExpect(status().isOk())
        .andExpect(content().string(LOG));
  }

  @Test
  void followStreamsUntilTheJobEndsThenCopiesTheRest() throws Exception {
    RunDetail running = run(PipelineStatus.RUNNING, JobStatus.RUNNING, 1);
    when(runs.detail("r1"))
        .thenReturn(running, running)
        .thenAnswer(
            inv -> {
              Files.writeString(log, "line 3\n", StandardOpenOption.APPEND);
              return run(PipelineStatus.SUCCEEDED, JobStatus.SUCCEEDED, 1);
            });

    stream(get(URL).param("follow", "true")).andExpect(content().string(LOG + "line 3\n"));
  }

  @Test
  void unknownJobIs404() throws Exception {
    call(get("/api/pipelines/r1/jobs/nope/log"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.error").value("run r1 has no job nope"));
  }

  @Test
  void unknownRunIs404() throws Exception {
    when(runs.detail("r9")).thenThrow(new RunNotFoundException("no run r9"));

    call(get("/api/pipelines/r9/jobs/build/log"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.error").value("no run r9"));
  }

  @Test
  void unknownRunIs404EvenForAClientThatAcceptsOnlyText() throws Exception {
    when(runs.detail("r9")).thenThrow(new RunNotFoundException("no run r9"));

    call(get("/api/pipelines/r9/jobs/build/log").accept("text/plain"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.error").value("no run r9"));
  }

  @Test
  void attemptAboveTheJobsAttemptIs404() throws Exception {
    call(get(URL).param("attempt", "2"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.error").value("job build of run r1 has no attempt 2"));
  }

  @Test
  void attemptZeroIs404() throws Exception {
    call(get(URL).param("attempt", "0")).andExpect(status().isNotFound());
  }

  @Test
  void negativeOffsetIs400() throws Exception {
    call(get(URL).param("offset", "-1"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error").value("offset: must be 0 or more"));
  }

  @Test
  void logWithoutTokenIs401() throws Exception {
    mvc.perform(get(URL))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.error").isNotEmpty());
    verifyNoInteractions(runs, logs);
  }

  @Test
  void logWithWrongTokenIs401() throws Exception {
    mvc.perform(get(URL).header("Authorization", "Bearer nope"))
        .andExpect(status().isUnauthorized());
    verifyNoInteractions(runs, logs);
  }
}
