package dev.fastci.server.ui.run;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;

import dev.fastci.artifacts.ArtifactDirs;
import dev.fastci.server.runs.RunControls;
import dev.fastci.server.runs.RunService;
import dev.fastci.server.ui.UiWebMvcTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The run page with {@code fastci.temporal.web-url} set. */
@UiWebMvcTest(RunPageController.class)
@TestPropertySource(properties = "fastci.temporal.web-url=http://temporal.example:8233/")
@WithUserDetails("admin")
class RunPageTemporalLinkControllerTest {
  @Autowired MockMvc mvc;
  @MockitoBean RunService runs;
  @MockitoBean RunControls controls;
  @MockitoBean ArtifactDirs artifacts;

  @Test
  void runPageLinksToItsWorkflowInTemporalWeb() throws Exception {
    when(runs.detail("r1")).thenReturn(RunPageControllerTest.run("p"));

    mvc.perform(get("/runs/r1"))
        .andExpect(
            model()
                .attribute(
                    "temporalUrl", "http://temporal.example:8233/namespaces/default/workflows/r1"))
        .andExpect(
            content()
                .string(
                    containsString(
                        "href=\"http://temporal.example:8233/namespaces/default/workflows/r1\"")))
        .andExpect(content().string(containsString("Temporal Web")));
  }
}
