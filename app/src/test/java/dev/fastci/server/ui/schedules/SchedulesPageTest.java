package dev.fastci.server.ui.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import dev.fastci.server.runs.RunService;
import dev.fastci.server.schedules.Schedule;
import dev.fastci.server.schedules.ScheduleRequest;
import dev.fastci.server.schedules.Schedules;
import dev.fastci.spec.SpecFormat;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The Schedules page on the whole server without Docker (store, embedded Temporal, dummy backend),
 * behind the real form login and CSRF protection.
 */
@SpringBootTest(
    properties = {
      "fastci.admin-password=pw",
      "fastci.api-token=t",
      "fastci.backend=dummy",
      "fastci.janitor.every=1h"
    })
@AutoConfigureMockMvc
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SchedulesPageTest {
  private static final String YAML =
      """
      name: page-nightly
      jobs:
        - name: a
          image: i
          command: "true"
      """;

  @TempDir static Path dataDir;

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) {
    registry.add("fastci.data-dir", () -> dataDir.toString());
  }

  @Autowired MockMvc mvc;
  @Autowired Schedules schedules;
  @Autowired RunService runs;

  private static MockHttpServletRequestBuilder admin(MockHttpServletRequestBuilder request) {
    return request.with(user("admin").roles("ADMIN")).with(csrf());
  }

  @Test
  void aScheduleMadeOnThePageIsListedWithItsNextFireInItsTimezone() throws Exception {
    mvc.perform(
            admin(post("/schedules"))
                .param("spec", YAML)
                .param("cron", "0 3 * * *")
                .param("timezone", "Europe/Berlin")
                .param("branch", "main"))
        .andExpect(redirectedUrl("/schedules"))
        .andExpect(flash().attribute("flash", containsString("Created schedule")));

    mvc.perform(admin(get("/schedules")))
        .andExpect(status().isOk())
        .andExpect(view().name(SchedulesPageController.VIEW))
        .andExpect(content().string(containsString("page-nightly")))
        .andExpect(content().string(containsString("03:00 Europe/Berlin)")))
        .andExpect(content().string(containsString("href=\"/schedules\">Schedules</a>")))
        .andExpect(content().string(containsString("Run now")));
  }

  @Test
  void aBadScheduleShowsTheFormAgainWithEveryProblemByPath() throws Exception {
    mvc.perform(
            admin(post("/schedules"))
                .param("spec", "name: x\njobs: [{name: a, command: 'true'}]")
                .param("cron", "0 25 * * *")
                .param("timezone", "Nowhere/Else"))
        .andExpect(status().isOk())
        .andExpect(view().name(SchedulesPageController.VIEW))
        .andExpect(content().string(containsString("hour: 25 is not a value from 0 to 23")))
        .andExpect(content().string(containsString("Nowhere/Else is not a time zone")))
        .andExpect(content().string(containsString("spec.jobs[0].image")))
        .andExpect(content().string(containsString("0 25 * * *")));
    assertThat(schedules.list()).noneMatch(s -> s.pipeline().equals("x"));
  }

  @Test
  void pauseResumeRunNowAndDeleteFromThePage() throws Exception {
    Schedule schedule =
        schedules.create(new ScheduleRequest(YAML, SpecFormat.AUTO, "@yearly", "UTC", null));
    String base = "/schedules/" + schedule.id();

    mvc.perform(admin(post(base + "/pause"))).andExpect(redirectedUrl("/schedules"));
    assertThat(schedules.get(schedule.id()).paused()).isTrue();
    mvc.perform(admin(get("/schedules")))
        .andExpect(content().string(containsString("data-paused=\"true\"")))
        .andExpect(content().string(containsString(">Resume</button>")));
    mvc.perform(admin(post(base + "/resume"))).andExpect(redirectedUrl("/schedules"));
    assertThat(schedules.get(schedule.id()).paused()).isFalse();

    String runPage =
        mvc.perform(admin(post(base + "/run")))
            .andExpect(redirectedUrlPattern("/runs/*"))
            .andReturn()
            .getResponse()
            .getRedirectedUrl();
    String runId = runPage.substring("/runs/".length());
    assertThat(runs.detail(runId).event()).isEqualTo("schedule");
    mvc.perform(admin(get("/schedules")))
        .andExpect(content().string(containsString("href=\"/runs/" + runId + "\"")));
    mvc.perform(admin(get(runPage)))
        .andExpect(content().string(containsString("schedule @yearly (run now)")));

    mvc.perform(admin(post(base + "/delete")))
        .andExpect(redirectedUrl("/schedules"))
        .andExpect(flash().attribute("flash", "Deleted schedule " + schedule.id() + "."));
    mvc.perform(admin(get("/schedules")))
        .andExpect(content().string(not(containsString("data-schedule=\"" + schedule.id()))));
    mvc.perform(admin(post(base + "/pause"))).andExpect(status().isNotFound());
  }

  @Test
  void thePageNeedsTheAdmin() throws Exception {
    mvc.perform(get("/schedules")).andExpect(redirectedUrlPattern("**/login"));
  }
}
