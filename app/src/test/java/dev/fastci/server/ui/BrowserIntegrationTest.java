package dev.fastci.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fastci.secrets.SecretSource;
import dev.fastci.server.forge.ForgeRepository;
import dev.fastci.server.forge.Signatures;
import dev.fastci.testing.DockerEngine;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A person's path through the UI in a real browser against the real server, Docker and Temporal:
 * log in, start a pipeline, watch it finish without reloading, read a job's log and the run's
 * Temporal history, cancel a run, register repositories and follow a push (its runs and schedules)
 * on a repository's page; then an admin adds an operator and a viewer, and each sees and may do
 * what their role allows.
 */
@ExtendWith(DockerEngine.class)
@SpringBootTest(
    classes = dev.fastci.server.FastciServerApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "fastci.public-url=https://ci.example.com",
      "fastci.hook-secret=" + BrowserIntegrationTest.HOOK_SECRET
    })
@Import(BrowserIntegrationTest.Secrets.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserIntegrationTest {
  static final String HOOK_SECRET = "browser-hook-secret";
  private static final String PASSWORD = "browser-secret";
  private static final Path DATA_DIR = LivePages.tempDir("fastci-browser-");
  private static ChromeDriver browser;

  @org.junit.jupiter.api.extension.RegisterExtension
  static final PageOnFailure pageOnFailure = new PageOnFailure(() -> browser);

  private static final Map<String, String> passwords = new java.util.HashMap<>();
  private static String operatedRun;

  @LocalServerPort int port;

  @DynamicPropertySource
  static void server(DynamicPropertyRegistry registry) {
    registry.add("fastci.data-dir", DATA_DIR::toString);
    registry.add("fastci.admin-password", () -> PASSWORD);
  }

  @BeforeAll
  static void openBrowser() throws IOException {
    browser = HeadlessChromium.start();
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  @Order(1)
  void loginLeadsToTheRunsPage() {
    browser.get(url("/"));
    assertThat(browser.getCurrentUrl()).endsWith("/login");

    logIn("admin", PASSWORD);

    waitFor(ExpectedConditions.textToBe(By.tagName("h1"), "Runs"));
    assertThat(browser.findElement(By.id("new-run")).getText()).isEqualTo("New run");
  }

  @Test
  @Order(2)
  void pipelineStartedFromNewRunFinishesLiveAndItsLogShowsTheOutput() throws IOException {
    browser.findElement(By.id("new-run")).click();
    replaceSpec(
        "{\"name\": \"browser\", \"jobs\": ["
            + "{\"name\": \"build\", \"image\": \"busybox:latest\","
            + " \"command\": [\"sh\", \"-c\", \"echo compiling; sleep 2; echo browser-ok\"]},"
            + "{\"name\": \"test\", \"image\": \"busybox:latest\", \"command\": \"echo tested\"}],"
            + " \"parents\": {\"test\": [\"build\"]}}");
    browser.findElement(By.id("start-run")).click();

    waitFor(ExpectedConditions.urlMatches(LivePages.RUN_PAGE_URL));
    String runPage = browser.getCurrentUrl();
    markPage();
    waitFor(Duration.ofSeconds(60), ExpectedConditions.textToBe(By.id("run-status"), "SUCCEEDED"));
    assertThat(pageWasNotReloaded()).as("live update without a reload").isTrue();
    assertThat(browser.findElements(By.cssSelector("svg.dag g.node.succeeded"))).hasSize(2);
    assertThat(browser.findElements(By.cssSelector(".timeline .bar.critical"))).isNotEmpty();
    saveScreenshot("run-page.png");

    clickThroughLiveUpdates(By.linkText("build"));
    waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("log"), "browser-ok"));
    assertThat(LivePages.text(browser, By.id("log"))).contains("compiling");
    assertThat(browser.findElements(By.cssSelector("#log .ln"))).hasSize(2);
    browser.get(runPage);

    clickThroughLiveUpdates(By.id("history-tab"));
    waitFor(ExpectedConditions.urlMatches(".*/runs/[a-z0-9-]+/history$"));
    assertThat(browser.findElements(By.cssSelector("#executions tbody tr"))).hasSize(1);
    assertThat(browser.findElement(By.cssSelector("#executions tr.chosen")).getText())
        .contains("Completed");
    String events = browser.findElement(By.id("events")).getText();
    assertThat(events)
        .contains("WorkflowExecutionStarted", "ActivityTaskScheduled", "RunJob", "build", "test")
        .contains("WorkflowExecutionCompleted");
    saveScreenshot("history-tab.png");
    browser.get(runPage);
  }

  @Test
  @Order(3)
  void runningRunIsCancelledFromItsPage() {
    browser.get(url("/runs/new"));
    replaceSpec(
        "{\"name\": \"long\", \"jobs\": [{\"name\": \"sleeper\", \"image\": \"busybox:latest\","
            + " \"command\": \"sleep 60\"}]}");
    browser.findElement(By.id("start-run")).click();
    waitFor(ExpectedConditions.textToBe(By.id("run-status"), "RUNNING"));
    String runId = browser.getCurrentUrl().replaceAll(".*/runs/", "");
    waitUntil(() -> !DockerEngine.fastciContainers(runId).isEmpty());

    clickThroughLiveUpdates(By.id("cancel-run"));

    waitFor(Duration.ofSeconds(30), ExpectedConditions.textToBe(By.id("run-status"), "CANCELLED"));
    assertThat(DockerEngine.fastciContainers(runId)).isEmpty();
  }

  @Test
  @Order(4)
  void aRepositoryRegisteredOnTheRepositoriesPageShowsItsWebhookAndProblemsShowByField() {
    browser.findElement(By.linkText("Repositories")).click();
    waitFor(ExpectedConditions.textToBe(By.tagName("h1"), "Repositories"));
    new Select(browser.findElement(By.name("forge"))).selectByValue("github");
    browser.findElement(By.name("clone_url")).sendKeys("https://github.com/octo/browser.git");
    browser.findElement(By.id("register")).click();

    waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("repo-errors")));
    assertThat(browser.findElement(By.id("repo-errors")).getText())
        .contains("name", "token_secret", "hook_secret");

    browser.findElement(By.name("name")).sendKeys("octo/browser");
    browser.findElement(By.name("token_secret")).sendKeys("UI_TOKEN");
    browser.findElement(By.name("hook_secret")).sendKeys("UI_HOOK");
    browser.findElement(By.id("register")).click();

    waitFor(ExpectedConditions.textToBe(By.id("repo-name"), "octo/browser"));
    assertThat(browser.findElement(By.id("webhook-url")).getText())
        .isEqualTo("https://ci.example.com/api/hooks/github");
    assertThat(browser.findElement(By.id("webhook-events")).getText())
        .contains("Pushes", "Pull requests");
    assertThat(browser.findElement(By.id("badge-markdown")).getText())
        .startsWith("![FastCI](https://ci.example.com/api/repos/");
    browser.findElement(By.linkText("Repositories")).click();
    assertThat(browser.findElements(By.cssSelector("tr[data-repo='octo/browser']"))).hasSize(1);
  }

  @Test
  @Order(5)
  void aPushToARegisteredGitRepositoryShowsOnItsPageByBranch() throws Exception {
    Path work = Files.createTempDirectory("fastci-browser-repo-");
    ForgeRepository repo = new ForgeRepository(work);
    String commit =
        repo.commit(
            Map.of(
                ".fastci/browser.json",
                "{\"name\": \"from-a-push\", \"jobs\": [{\"name\": \"show\","
                    + " \"image\": \"busybox:latest\", \"command\": \"cat .fastci/browser.json\"}]}",
                ".fastci/nightly.json",
                "{\"name\": \"nightly\", \"on\": {\"schedule\": [{\"cron\": \"0 3 * * *\"}]},"
                    + " \"jobs\": [{\"name\": \"a\", \"image\": \"busybox:latest\","
                    + " \"command\": \"true\"}]}"));
    browser.findElement(By.linkText("Repositories")).click();
    new Select(browser.findElement(By.name("forge"))).selectByValue("git");
    browser.findElement(By.name("name")).sendKeys(work.toString());
    browser.findElement(By.id("register")).click();
    waitFor(ExpectedConditions.textToBe(By.id("repo-name"), work.toString()));
    String repoPage = browser.getCurrentUrl();

    assertThat(pushed(work.toString(), commit)).isEqualTo(202);

    waitUntil(
        () -> {
          browser.get(repoPage);
          return !browser
              .findElements(By.cssSelector("#branches tr[data-branch='main'] .status.succeeded"))
              .isEmpty();
        });
    assertThat(browser.findElement(By.id("branches")).getText()).contains("main", "from-a-push");
    assertThat(browser.findElement(By.id("repo-runs")).getText())
        .contains("from-a-push", "push main", commit.substring(0, 7))
        .doesNotContain("nightly");
    assertThat(browser.findElement(By.id("repo-schedules")).getText())
        .contains("nightly", "0 3 * * * (UTC)", "main");
  }

  @Test
  @Order(6)
  void anAdminAddsAnOperatorAndAViewerOnTheUsersPage() {
    browser.findElement(By.id("nav-users")).click();
    passwords.put("otto", addUser("otto", "operator"));
    passwords.put("vera", addUser("vera", "viewer"));
    assertThat(browser.findElement(By.cssSelector("tr[data-user='vera']")).getText())
        .contains("vera");
    logOut();
  }

  @Test
  @Order(7)
  void anOperatorStartsAndCancelsARunButHasNoUsersPage() {
    logIn("otto", passwords.get("otto"));
    waitFor(ExpectedConditions.textToBe(By.tagName("h1"), "Runs"));
    assertThat(browser.findElements(By.id("nav-users"))).isEmpty();
    browser.findElement(By.id("new-run")).click();
    replaceSpec(
        "{\"name\": \"operated\", \"jobs\": [{\"name\": \"sleeper\", \"image\": \"busybox:latest\","
            + " \"command\": \"sleep 60\"}]}");
    browser.findElement(By.id("start-run")).click();
    waitFor(ExpectedConditions.textToBe(By.id("run-status"), "RUNNING"));
    operatedRun = browser.getCurrentUrl();
    assertThat(LivePages.text(browser, By.id("run-history"))).contains("started by otto");

    clickThroughLiveUpdates(By.id("cancel-run"));
    waitFor(Duration.ofSeconds(30), ExpectedConditions.textToBe(By.id("run-status"), "CANCELLED"));
    assertThat(LivePages.text(browser, By.id("run-history"))).contains("cancelled by otto");
    logOut();
  }

  @Test
  @Order(8)
  void aViewerReadsRunsAndRepositoriesButIsOfferedNoActionAndIsRefusedOne() {
    logIn("vera", passwords.get("vera"));
    waitFor(ExpectedConditions.textToBe(By.tagName("h1"), "Runs"));
    assertThat(browser.findElements(By.id("new-run"))).isEmpty();
    assertThat(browser.findElement(By.id("whoami")).getText()).isEqualTo("vera · viewer");

    browser.get(operatedRun);
    waitFor(ExpectedConditions.textToBe(By.id("run-status"), "CANCELLED"));
    assertThat(browser.findElements(By.id("retry-run"))).isEmpty();
    assertThat(browser.findElements(By.cssSelector(".jobs form"))).isEmpty();

    browser.findElement(By.linkText("Repositories")).click();
    waitFor(ExpectedConditions.textToBe(By.tagName("h1"), "Repositories"));
    assertThat(browser.findElements(By.cssSelector("tr[data-repo='octo/browser']"))).hasSize(1);
    assertThat(browser.findElements(By.id("register-repo"))).isEmpty();
    browser.findElement(By.linkText("octo/browser")).click();
    waitFor(ExpectedConditions.textToBe(By.id("repo-name"), "octo/browser"));
    assertThat(browser.findElements(By.id("remove-repo"))).isEmpty();

    browser.get(url("/runs/new"));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("403 Forbidden");
    assertThat(browser.getPageSource())
        .contains("needs the operator role; vera has the role viewer");
  }

  /** Adds a user with a generated password on the Users page; returns the password. */
  private static String addUser(String name, String role) {
    WebElement form = browser.findElement(By.id("add-user"));
    form.findElement(By.name("name")).sendKeys(name);
    new Select(form.findElement(By.name("role"))).selectByValue(role);
    browser.findElement(By.id("add-user-button")).click();
    waitFor(ExpectedConditions.presenceOfElementLocated(By.id("secret")));
    return browser.findElement(By.id("secret")).getText();
  }

  private void logIn(String user, String password) {
    browser.get(url("/login"));
    browser.findElement(By.name("username")).clear();
    browser.findElement(By.name("username")).sendKeys(user);
    browser.findElement(By.name("password")).sendKeys(password);
    browser.findElement(By.id("login")).click();
  }

  private static void logOut() {
    browser.findElement(By.cssSelector("form[action='/logout'] button")).click();
    waitFor(ExpectedConditions.urlContains("/login?logout"));
  }

  /** What the post-receive hook sends for a push of main, signed with the hook secret. */
  private int pushed(String repo, String commit) throws Exception {
    String body =
        "{\"repo\":\""
            + repo
            + "\",\"before\":\""
            + "0".repeat(40)
            + "\",\"after\":\""
            + commit
            + "\",\"ref\":\"refs/heads/main\"}";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url("/api/hooks/git")))
                .header("Content-Type", "application/json")
                .header(
                    "X-FastCI-Signature", "sha256=" + Signatures.hmacSha256Hex(HOOK_SECRET, bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  /** The secrets the repositories registered here name. */
  @TestConfiguration(proxyBeanMethods = false)
  static class Secrets {
    @Bean
    @Primary
    SecretSource uiSecrets() {
      return SecretSource.fromVariables(
          Map.of("FASTCI_SECRET_UI_TOKEN", "token", "FASTCI_SECRET_UI_HOOK", "hook"));
    }
  }

  private void replaceSpec(String spec) {
    WebElement textarea = browser.findElement(By.id("spec"));
    ((JavascriptExecutor) browser)
        .executeScript("arguments[0].value = arguments[1];", textarea, spec);
  }

  /** Marks the window; a full reload would drop the mark. */
  private void markPage() {
    ((JavascriptExecutor) browser).executeScript("window.fastciMark = 'still here';");
  }

  private boolean pageWasNotReloaded() {
    return "still here"
        .equals(((JavascriptExecutor) browser).executeScript("return window.fastciMark;"));
  }

  private void saveScreenshot(String name) throws IOException {
    Path shots = Path.of("target", "screenshots");
    Files.createDirectories(shots);
    Files.copy(
        browser.getScreenshotAs(OutputType.FILE).toPath(),
        shots.resolve(name),
        StandardCopyOption.REPLACE_EXISTING);
  }

  private static void clickThroughLiveUpdates(By element) {
    LivePages.clickThroughLiveUpdates(browser, element);
  }

  private static <T> void waitFor(org.openqa.selenium.support.ui.ExpectedCondition<T> condition) {
    waitFor(Duration.ofSeconds(20), condition);
  }

  private static <T> void waitFor(
      Duration limit, java.util.function.Function<WebDriver, T> condition) {
    new WebDriverWait(browser, limit).pollingEvery(Duration.ofMillis(100)).until(condition);
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition) {
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .pollingEvery(Duration.ofMillis(100))
        .until(driver -> condition.getAsBoolean());
  }

  private String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }
}
