package dev.fastci.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fastci.testing.DockerEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
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
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A person's path through the UI in a real browser against the real server, Docker and Temporal:
 * log in, start a pipeline, watch it finish without reloading, read a job's log, cancel a run; then
 * an admin adds an operator and a viewer, and each sees and may do what their role allows.
 */
@ExtendWith(DockerEngine.class)
@SpringBootTest(
    classes = dev.fastci.server.FastciServerApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserIntegrationTest {
  private static final String PASSWORD = "browser-secret";
  private static final Path DATA_DIR = LivePages.tempDir("fastci-browser-");
  private static ChromeDriver browser;
  private static final java.util.Map<String, String> passwords = new java.util.HashMap<>();
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

    waitFor(ExpectedConditions.urlMatches(".*/runs/[a-z0-9-]+$"));
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
  void anAdminAddsAnOperatorAndAViewerOnTheUsersPage() {
    browser.findElement(By.id("nav-users")).click();
    passwords.put("otto", addUser("otto", "operator"));
    passwords.put("vera", addUser("vera", "viewer"));
    assertThat(browser.findElement(By.cssSelector("tr[data-user='vera']")).getText())
        .contains("vera");
    logOut();
  }

  @Test
  @Order(5)
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
  @Order(6)
  void aViewerReadsRunsButIsOfferedNoActionAndIsRefusedOne() {
    logIn("vera", passwords.get("vera"));
    waitFor(ExpectedConditions.textToBe(By.tagName("h1"), "Runs"));
    assertThat(browser.findElements(By.id("new-run"))).isEmpty();
    assertThat(browser.findElement(By.id("whoami")).getText()).isEqualTo("vera · viewer");

    browser.get(operatedRun);
    waitFor(ExpectedConditions.textToBe(By.id("run-status"), "CANCELLED"));
    assertThat(browser.findElements(By.id("retry-run"))).isEmpty();
    assertThat(browser.findElements(By.cssSelector(".jobs form"))).isEmpty();

    browser.get(url("/runs/new"));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("403 Forbidden");
    assertThat(browser.getPageSource())
        .contains("needs the operator role; vera has the role viewer");
  }

  /** Adds a user with a generated password on the Users page; returns the password. */
  private static String addUser(String name, String role) {
    WebElement form = browser.findElement(By.id("add-user"));
    form.findElement(By.name("name")).sendKeys(name);
    new org.openqa.selenium.support.ui.Select(form.findElement(By.name("role")))
        .selectByValue(role);
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
