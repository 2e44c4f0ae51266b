package dev.fastci.server.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * When a browser test fails, prints where the browser was and what its page said (so that a CI log
 * explains a timeout) and keeps the page's source and a screenshot under target/screenshots.
 */
final class PageOnFailure implements TestWatcher {
  private static final int TEXT_SHOWN = 4000;
  private final Supplier<ChromeDriver> browser;

  PageOnFailure(Supplier<ChromeDriver> browser) {
    this.browser = browser;
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    ChromeDriver driver = browser.get();
    if (driver == null) {
      return;
    }
    String name = context.getRequiredTestClass().getSimpleName() + "-" + context.getDisplayName();
    String text = driver.findElement(org.openqa.selenium.By.tagName("body")).getText();
    System.out.println(
        "[browser] "
            + name
            + " failed at "
            + driver.getCurrentUrl()
            + " ("
            + driver.getTitle()
            + "), the page said:\n"
            + text.substring(0, Math.min(text.length(), TEXT_SHOWN)));
    try {
      Path shots = Files.createDirectories(Path.of("target", "screenshots"));
      String file = name.replaceAll("[^A-Za-z0-9-]", "_");
      Files.writeString(shots.resolve(file + ".html"), driver.getPageSource());
      Files.copy(
          driver.getScreenshotAs(OutputType.FILE).toPath(),
          shots.resolve(file + ".png"),
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      System.out.println("[browser] could not keep the failed page: " + e);
    }
  }
}
