package dev.fastci.server.api;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.fastci.client.PipelineClient;
import dev.fastci.server.runs.ConcurrencyGroups;
import dev.fastci.server.runs.JobRowsStore;
import dev.fastci.server.runs.RunRecorder;
import dev.fastci.server.runs.RunService;
import dev.fastci.server.runs.RunStarter;
import dev.fastci.server.runs.RunStore;
import dev.fastci.server.runs.RunViews;
import dev.fastci.server.runs.SpecDocuments;
import dev.fastci.server.security.SecurityConfiguration;
import dev.fastci.testing.StoreSlice;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** Submit with the real RunService and spec parser: only the store and the engine are mocked. */
@WebMvcTest(controllers = PipelineApiController.class, properties = "fastci.api-token=test-token")
@Import({
  SecurityConfiguration.class,
  StoreSlice.class,
  RunService.class,
  RunStarter.class,
  SpecDocuments.class,
  RealSpecParser.class
})
class SubmitValidationTest {
  @Autowired MockMvc mvc;
  @MockitoBean RunStore store;
  @MockitoBean JobRowsStore jobRows;
  @MockitoBean RunViews views;
  @MockitoBean PipelineClient pipelines;
  @MockitoBean RunRecorder recorder;
  @MockitoBean dev.fastci.server.metrics.RunMeters meters;
  @MockitoBean ConcurrencyGroups groups;
  @MockitoBean dev.fastci.server.runs.RunControls controls;

  @Test
  void malformedJsonIs400AtTheDocumentPathAndStartsNothing() throws Exception {
    mvc.perform(
            post("/api/pipelines")
                .header("Authorization", "Bearer test-token")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\": \"p\", \"jobs\": ["))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].path").value("$"))
        .andExpect(jsonPath("$.errors[0].message", not(emptyString())));
    verifyNoInteractions(store, pipelines);
  }

  @Test
  void emptyBodyIs400() throws Exception {
    mvc.perform(
            post("/api/pipelines")
                .header("Authorization", "Bearer test-token")
                .contentType(MediaType.APPLICATION_JSON))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors").isNotEmpty());
    verifyNoInteractions(store, pipelines);
  }

  @Test
  void invalidSpecIs400WithEveryProblemByPath() throws Exception {
    mvc.perform(
            post("/api/pipelines")
                .header("Authorization", "Bearer test-token")
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"name\": \"bad\", \"jobs\": [{\"name\": \"a\", \"image\": \"busybox\"},"
                        + " 7]}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[*].path", containsInAnyOrder("jobs[0].command", "jobs[1]")));
    verifyNoInteractions(store, pipelines);
  }

  @Test
  void validYamlSpecIs201AndStartsTheRun() throws Exception {
    mvc.perform(
            post("/api/pipelines")
                .header("Authorization", "Bearer test-token")
                .contentType("application/yaml")
                .content(
                    "name: hello\njobs:\n  - name: hi\n    image: busybox\n    command: echo hi\n"))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.id", not(emptyString())));

    verify(pipelines)
        .begin(argThat(run -> run.spec().name().equals("hello") && run.attempt() == 1));
  }
}
