package dev.fastci.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fastci.testing.DockerEngine;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The run controls in a real browser against the real server, Docker and Temporal: a run started
 * with a parameter from the New run page waits for an approval that is given, with a comment, on
 * its page; a job's files are listed and downloaded; a new run of a concurrency group supersedes
 * the running one, and each page says so.
 */
@ExtendWith(DockerEngine.class)
@SpringBootTest(
    classes = dev.fastci.server.FastciServerApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunControlsBrowserIntegrationTest {
  private static final String PASSWORD = "controls-secret";
  private static final Path DATA_DIR = LivePages.tempDir("fastci-controls-browser-");
  private static ChromeDriver browser;

  @org.junit.jupiter.api.extension.RegisterExtension
  static final PageOnFailure pageOnFailure = new PageOnFailure(() -> browser);

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
  void aRunStartedWithAParameterIsApprovedWithACommentOnItsPage() {
    logIn();
    browser.get(url("/runs/new?template=approval.json"));
    new Select(browser.findElement(By.id("param-TARGET"))).selectByValue("production");
    browser.findElement(By.id("start-run")).click();
    waitFor(ExpectedConditions.urlMatches(LivePages.RUN_PAGE_URL));

    waitFor(ExpectedConditions.textToBe(By.id("run-params"), "TARGET=production"));
    By approval = By.cssSelector("tr[data-job='approve-deploy'] form.approval");
    waitFor(Duration.ofSeconds(60), ExpectedConditions.presenceOfElementLocated(approval));
    assertThat(text(By.cssSelector("tr[data-job='approve-deploy'] .approval-message")))
        .isEqualTo("Deploy to production?");
    // the page re-renders every second while the run waits; what is typed stays
    browser.findElement(approval).findElement(By.name("comment")).sendKeys("ship it");
    waitUntil(
        driver ->
            "ship it"
                .equals(
                    driver
                        .findElement(approval)
                        .findElement(By.name("comment"))
                        .getAttribute("value")));
    clickThroughLiveUpdates(
        By.cssSelector("tr[data-job='approve-deploy'] form.approval button:not(.danger)"));

    waitFor(Duration.ofSeconds(60), ExpectedConditions.textToBe(By.id("run-status"), "SUCCEEDED"));
    assertThat(text(By.id("run-events"))).contains("approve-deploy approved by admin: ship it");
    assertThat(browser.findElements(approval)).isEmpty();
    clickThroughLiveUpdates(By.linkText("apply"));
    waitFor(
        ExpectedConditions.textToBePresentInElementLocated(By.id("log"), "applied to production"));
  }

  @Test
  @Order(2)
  void aJobsFilesAreListedOnTheRunPageAndDownloaded() {
    browser.get(url("/runs/new?template=artifacts.json"));
    browser.findElement(By.id("start-run")).click();
    waitFor(Duration.ofSeconds(60), ExpectedConditions.textToBe(By.id("run-status"), "SUCCEEDED"));

    List<WebElement> rows = browser.findElements(By.cssSelector("#artifacts tbody tr"));
    assertThat(rows)
        .extracting(WebElement::getText)
        .containsExactly("build dist/app.txt 21 B", "build reports/summary.txt 3 B");
    String href = browser.findElement(By.linkText("dist/app.txt")).getAttribute("href");
    Map<String, Object> file = download(href);
    assertThat(file.get("status")).isEqualTo(200L);
    assertThat(file.get("text")).isEqualTo("hello from the build\n");
    assertThat((String) file.get("disposition")).contains("app.txt");

    Map<String, Object> zip =
        download(browser.findElement(By.id("artifacts-zip")).getAttribute("href"));
    assertThat(zip.get("status")).isEqualTo(200L);
    assertThat((String) zip.get("type")).isEqualTo("application/zip");
    assertThat((String) zip.get("text")).startsWith("PK");
  }

  @Test
  @Order(3)
  void aNewRunOfTheGroupSupersedesTheRunningOneAndBothPagesSaySo() {
    String first = startDeployOnMain();
    assertThat(text(By.id("run-group"))).isEqualTo("deploy-main");
    String second = startDeployOnMain();

    browser.get(url("/runs/" + first));
    waitFor(Duration.ofSeconds(30), ExpectedConditions.textToBe(By.id("run-status"), "CANCELLED"));
    assertThat(text(By.id("run-events"))).contains("superseded by " + second);
    assertThat(DockerEngine.fastciContainers(first)).isEmpty();
    clickThroughLiveUpdates(By.id("superseded-by"));
    waitFor(ExpectedConditions.urlMatches(".*/runs/" + second + "$"));
    assertThat(text(By.id("run-status"))).isEqualTo("RUNNING");
    assertThat(text(By.id("run-group"))).isEqualTo("deploy-main");

    clickThroughLiveUpdates(By.id("cancel-run"));
    waitFor(Duration.ofSeconds(30), ExpectedConditions.textToBe(By.id("run-status"), "CANCELLED"));
    assertThat(DockerEngine.fastciContainers(second)).isEmpty();
  }

  /** Starts the concurrency example on branch main; returns the run's id once it runs. */
  private String startDeployOnMain() {
    browser.get(url("/runs/new?template=concurrency.json"));
    browser.findElement(By.id("branch")).sendKeys("main");
    browser.findElement(By.id("start-run")).click();
    waitFor(ExpectedConditions.urlMatches(LivePages.RUN_PAGE_URL));
    String id = browser.getCurrentUrl().replaceAll(".*/runs/", "");
    waitFor(Duration.ofSeconds(30), ExpectedConditions.textToBe(By.id("run-status"), "RUNNING"));
    waitUntil(driver -> !DockerEngine.fastciContainers(id).isEmpty());
    return id;
  }

  /** Fetches a URL in the page, with its session: status, content type, disposition, body. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> download(String href) {
    return (Map<String, Object>)
        browser.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "fetch(arguments[0]).then(r => r.text().then(t => done({status: r.status,"
                + " type: r.headers.get('Content-Type'),"
                + " disposition: r.headers.get('Content-Disposition'), text: t})));",
            href);
  }

  private void logIn() {
    browser.get(url("/login"));
    browser.findElement(By.name("username")).sendKeys("admin");
    browser.findElement(By.name("password")).sendKeys(PASSWORD);
    browser.findElement(By.id("login")).click();
    waitFor(ExpectedConditions.textToBe(By.tagName("h1"), "Runs"));
  }

  private static String text(By element) {
    return LivePages.text(browser, element);
  }

  private static void clickThroughLiveUpdates(By element) {
    LivePages.clickThroughLiveUpdates(browser, element);
  }

  private static <T> void waitFor(org.openqa.selenium.support.ui.ExpectedCondition<T> condition) {
    waitFor(Duration.ofSeconds(20), condition);
  }

  private static <T> void waitFor(Duration limit, Function<WebDriver, T> condition) {
    LivePages.waitFor(browser, limit, condition);
  }

  private static void waitUntil(Function<WebDriver, Boolean> condition) {
    waitFor(Duration.ofSeconds(20), condition);
  }

  private String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }
}
