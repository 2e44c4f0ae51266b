package dev.fastci.server.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** What the real-browser tests do with pages whose live fragment the server re-renders. */
final class LivePages {
  /** A run's page, which the New run page's form leads to (not the form's own /runs/new). */
  static final String RUN_PAGE_URL = ".*/runs/(?!new$)[a-z0-9-]+$";

  private LivePages() {}

  /**
   * Clicks an element of a live fragment, which the server's events re-render while the run goes on
   * (the element found may be replaced before the click lands).
   */
  static void clickThroughLiveUpdates(WebDriver browser, By element) {
    waitFor(
        browser,
        Duration.ofSeconds(20),
        driver -> {
          driver.findElement(element).click();
          return true;
        });
  }

  /** Polls every 100 ms until the condition holds, looking again for re-rendered elements. */
  static <T> T waitFor(WebDriver browser, Duration limit, Function<WebDriver, T> condition) {
    return new WebDriverWait(browser, limit)
        .pollingEvery(Duration.ofMillis(100))
        .ignoring(StaleElementReferenceException.class)
        .until(condition);
  }

  /** An element's text, looked for again when the live fragment replaced it meanwhile. */
  static String text(WebDriver browser, By element) {
    return waitFor(
        browser, Duration.ofSeconds(10), driver -> driver.findElement(element).getText());
  }

  /** A data dir for the test's server, made before Spring reads its properties. */
  static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
