package dev.fastci.server.ui.newrun;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import dev.fastci.server.runs.RunControls;
import dev.fastci.server.runs.RunService;
import dev.fastci.server.runs.Trigger;
import dev.fastci.server.ui.UiWebMvcTest;
import dev.fastci.spec.InvalidSpecException;
import dev.fastci.spec.RunFacts;
import dev.fastci.spec.SpecError;
import dev.fastci.spec.SpecFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@UiWebMvcTest(NewRunController.class)
@Import(ExampleTemplates.class)
@WithUserDetails("admin")
class NewRunControllerTest {
  static final String SPEC = "name: p\njobs: []\n";

  @Autowired MockMvc mvc;
  @MockitoBean RunService runs;
  @MockitoBean RunControls controls;

  @Test
  void formOffersThePackagedExamplesAndStartsFromHello() throws Exception {
    mvc.perform(get("/runs/new"))
        .andExpect(status().isOk())
        .andExpect(view().name("runs/new"))
        .andExpect(
            model()
                .attribute(
                    "templates", hasItems("failing.json", "hello.json", "shared-dir-dag.json")))
        .andExpect(model().attribute("template", "hello.json"))
        .andExpect(model().attribute("spec", containsString("\"name\": \"hello\"")))
        .andExpect(content().string(containsString("<option value=\"failing.json\">")));
  }

  @Test
  void templateParameterPrefillsThatExample() throws Exception {
    mvc.perform(get("/runs/new").param("template", "failing.json"))
        .andExpect(model().attribute("template", "failing.json"))
        .andExpect(model().attribute("spec", containsString("\"name\": \"failing\"")))
        .andExpect(content().string(containsString("value=\"failing.json\" selected")));
  }

  @Test
  void validSpecStartsAManualRunAndRedirectsToIt() throws Exception {
    when(runs.submit(any(), any(), any(), any(), any())).thenReturn("r7");

    mvc.perform(post("/runs/new").param("spec", SPEC).with(csrf()))
        .andExpect(redirectedUrl("/runs/r7"));

    verify(runs)
        .submit(
            SPEC,
            SpecFormat.AUTO,
            Trigger.of("manual"),
            new RunFacts("manual", null, null),
            Map.of());
  }

  @Test
  void invalidSpecShowsTheErrorsByPathAndKeepsTheText() throws Exception {
    when(runs.submit(any(), any(), any(), any(), any()))
        .thenThrow(
            new InvalidSpecException(
                List.of(
                    new SpecError("jobs[0].image", "required"),
                    new SpecError("jobs[1].name", "duplicate"))));

    mvc.perform(post("/runs/new").param("spec", SPEC).with(csrf()))
        .andExpect(status().isOk())
        .andExpect(view().name("runs/new"))
        .andExpect(model().attribute("spec", SPEC))
        .andExpect(model().attributeExists("errors", "templates"))
        .andExpect(
            content().string(containsString("<code>jobs[0].image</code> <span>required</span>")))
        .andExpect(
            content().string(containsString("<code>jobs[1].name</code> <span>duplicate</span>")))
        .andExpect(content().string(containsString(">" + SPEC + "</textarea>")));
  }

  @Test
  void postWithoutCsrfIsForbidden() throws Exception {
    mvc.perform(post("/runs/new").param("spec", SPEC)).andExpect(status().isForbidden());

    verifyNoInteractions(runs);
  }
}
