package dev.fastci.server.ui.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fastci.contract.JobStatus;
import dev.fastci.contract.PipelineStatus;
import dev.fastci.contract.ServiceStatus;
import dev.fastci.server.runs.JobView;
import dev.fastci.server.runs.RunDetail;
import dev.fastci.server.runs.ServiceView;
import dev.fastci.server.runs.TryView;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/** The run page's live fragment renders the graph, jobs and timeline, escaped. */
class RunPageRenderTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void liveFragmentDrawsEveryJobAndEscapesNames() throws Exception {
    RunDetail run =
        run(
            List.of(
                job("a", JobStatus.SUCCEEDED, List.of(), 0, 1),
                job("b", JobStatus.FAILED, List.of("a"), 1, 3),
                job("c", JobStatus.SKIPPED, List.of("b"), -1, -1)));

    String html = render(run);

    assertThat(html).contains("data-job=\"a\"", "data-job=\"b\"", "data-job=\"c\"");
    assertThat(html).contains("class=\"node failed\"");
    assertThat(html).contains("&lt;b&gt;p&lt;/b&gt;").doesNotContain("<b>p</b>");
    assertThat(html).contains("bar failed critical");
    assertThat(html).doesNotContain("badge cached");
  }

  @Test
  void aMemoizedJobCarriesACachedBadge() throws Exception {
    JobView plain = job("a", JobStatus.SUCCEEDED, List.of(), 0, 1);
    JobView memoized =
        new JobView(
            "m",
            JobStatus.SUCCEEDED,
            0,
            1,
            T0.plusSeconds(1),
            T0.plusSeconds(1),
            List.of("a"),
            null,
            "host",
            true,
            List.of(1));

    String html = render(run(List.of(plain, memoized)));

    assertThat(html).containsOnlyOnce("<span class=\"badge cached\"");
  }

  @Test
  void aWaitingApprovalShowsItsMessageWithApproveAndRejectButtons() throws Exception {
    JobView gate =
        new JobView(
            "gate",
            JobStatus.WAITING,
            null,
            1,
            T0.plusSeconds(1),
            null,
            List.of(),
            null,
            null,
            false,
            List.of(1),
            null,
            "gate",
            null,
            "Deploy <prod>?");

    String waiting = render(run(List.of(gate), PipelineStatus.WAITING));
    String ended = render(run(List.of(gate), PipelineStatus.CANCELLED));

    assertThat(waiting)
        .contains("Deploy &lt;prod&gt;?")
        .contains("action=\"/runs/r1/jobs/gate/approve\"")
        .contains("formaction=\"/runs/r1/jobs/gate/reject\"")
        .contains("name=\"comment\"");
    assertThat(ended).contains("Deploy &lt;prod&gt;?").doesNotContain("/jobs/gate/approve");
  }

  @Test
  void aRunHeldForApprovalOffersApproveRunAndRejectRunUntilItStarted() throws Exception {
    JobView pending = job("a", JobStatus.PENDING, List.of(), 0, 1);
    RunDetail started = run(List.of(pending), PipelineStatus.WAITING);
    RunDetail held =
        new RunDetail(
            "r1",
            "p",
            PipelineStatus.WAITING,
            1,
            T0,
            null,
            null,
            started.spec(),
            started.trigger(),
            null,
            null,
            List.of(pending),
            List.of());

    assertThat(render(held))
        .contains("id=\"run-held\"")
        .contains("action=\"/runs/r1/approve\"")
        .contains("action=\"/runs/r1/reject\"");
    assertThat(render(started)).doesNotContain("run-held").doesNotContain("/runs/r1/approve");
  }

  @Test
  void servicesAreListedWithTheirStatusAndALinkToTheirLog() throws Exception {
    RunDetail run =
        run(
            List.of(job("a", JobStatus.ERROR, List.of(), 0, 1)),
            List.of(
                new ServiceView(
                    "db",
                    "postgres:15",
                    ServiceStatus.STOPPED,
                    1,
                    T0,
                    T0.plusSeconds(2),
                    T0.plusSeconds(9),
                    null),
                new ServiceView(
                    "web",
                    "busybox",
                    ServiceStatus.FAILED,
                    1,
                    T0,
                    null,
                    T0.plusSeconds(5),
                    "<not ready> in 5s")));

    String html = render(run);

    assertThat(html).contains("<h2>Services</h2>", "data-service=\"db\"", "data-service=\"web\"");
    assertThat(html).contains("href=\"/runs/r1/services/db\"", "href=\"/runs/r1/services/web\"");
    assertThat(html).contains("status stopped", "status failed", "<td>2.00s</td>");
    assertThat(html).contains("&lt;not ready&gt; in 5s").doesNotContain("<not ready>");
  }

  @Test
  void aRunWithoutServicesHasNoServicesTable() throws Exception {
    String html = render(run(List.of(job("a", JobStatus.SUCCEEDED, List.of(), 0, 1))));

    assertThat(html).doesNotContain("Services", "data-service");
  }

  @Test
  void aJobWithRetryShowsHowManyOfItsTriesItBegan() throws Exception {
    JobView retried =
        new JobView(
            "flaky",
            JobStatus.RUNNING,
            null,
            1,
            T0,
            null,
            List.of(),
            null,
            "host",
            false,
            List.of(1),
            null,
            "flaky",
            null,
            List.of(
                new TryView(1, JobStatus.FAILED, 1, null, T0, T0.plusSeconds(1), T0.plusSeconds(2)),
                new TryView(2, JobStatus.RUNNING, null, null, null, null, null)),
            3);

    String html = render(run(List.of(job("a", JobStatus.SUCCEEDED, List.of(), 0, 1), retried)));

    assertThat(html).containsOnlyOnce("try 2 of 3");
  }

  private static RunDetail run(List<JobView> jobs) throws Exception {
    return run(jobs, PipelineStatus.FAILED, List.of());
  }

  private static RunDetail run(List<JobView> jobs, PipelineStatus status) throws Exception {
    return run(jobs, status, List.of());
  }

  private static RunDetail run(List<JobView> jobs, List<ServiceView> services) throws Exception {
    return run(jobs, PipelineStatus.FAILED, services);
  }

  private static RunDetail run(
      List<JobView> jobs, PipelineStatus status, List<ServiceView> services) throws Exception {
    return new RunDetail(
        "r1",
        "<b>p</b>",
        status,
        1,
        T0,
        T0,
        T0.plusSeconds(3),
        new ObjectMapper().readTree("{}"),
        new ObjectMapper().readTree("{\"type\":\"manual\"}"),
        null,
        "host",
        jobs,
        List.of(),
        null,
        null,
        services);
  }

  private static String render(RunDetail run) {
    ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
    resolver.setPrefix("templates/");
    resolver.setSuffix(".html");
    SpringTemplateEngine engine = new SpringTemplateEngine();
    engine.setTemplateResolver(resolver);
    return engine.process(
        "runs/detail",
        Set.of("live"),
        new Context(
            Locale.ENGLISH,
            RunPageModel.of(
                run,
                new DefaultCsrfToken("X-CSRF", "_csrf", "tok"),
                null,
                true,
                List.of("started by alice at 2024-05-01 10:00:00 UTC"),
                List.of())));
  }

  private static JobView job(
      String name, JobStatus status, List<String> parents, int startSec, int endSec) {
    return new JobView(
        name,
        status,
        status == JobStatus.SKIPPED ? null : 0,
        1,
        startSec < 0 ? null : T0.plusSeconds(startSec),
        endSec < 0 ? null : T0.plusSeconds(endSec),
        parents,
        null,
        null,
        false,
        List.of(1));
  }
}
