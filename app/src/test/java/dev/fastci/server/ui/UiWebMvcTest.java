package dev.fastci.server.ui;

import dev.fastci.server.security.SecurityConfiguration;
import dev.fastci.server.security.UiSecurityConfiguration;
import dev.fastci.server.ui.live.LiveFragments;
import dev.fastci.testing.StoreSlice;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.autoconfigure.web.servlet.MockMvcPrint;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;

/**
 * A {@link WebMvcTest} of UI controllers behind the real security chains (form login, session,
 * CSRF), with the admin password {@code pw} and the real {@link LiveFragments}. MockMvc prints
 * nothing: printing a streamed (SSE) answer's headers raced with the stream's own thread adding
 * them ({@code ConcurrentModificationException} in {@code ServicePageControllerTest}, seen once).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WebMvcTest(
    properties = {
      "fastci.admin-password=" + UiWebMvcTest.PASSWORD,
      "fastci.api-token=t",
      "fastci.data-dir=${java.io.tmpdir}/fastci-ui-mvc-test"
    })
@AutoConfigureMockMvc(print = MockMvcPrint.NONE)
@Import({
  SecurityConfiguration.class,
  UiSecurityConfiguration.class,
  StoreSlice.class,
  LiveFragments.class
})
public @interface UiWebMvcTest {
  String PASSWORD = "pw";

  /** The controllers under test. */
  @AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
  Class<?>[] value();
}
