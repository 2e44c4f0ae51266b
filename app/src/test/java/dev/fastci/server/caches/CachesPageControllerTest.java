package dev.fastci.server.caches;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import dev.fastci.cache.CacheEntry;
import dev.fastci.cache.CacheStore;
import dev.fastci.server.FastciProperties;
import dev.fastci.server.ui.UiWebMvcTest;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.test.web.servlet.MockMvc;

/** The caches page on real cache entries in the test's data dir. */
@UiWebMvcTest(CachesPageController.class)
@Import(Caches.class)
@WithUserDetails("admin")
class CachesPageControllerTest {
  @Autowired MockMvc mvc;
  @Autowired FastciProperties properties;
  private CacheStore store;
  private CacheEntry deps;

  @BeforeEach
  void saveTwoCaches() {
    store = new CacheStore(properties.dataDir());
    deps =
        store.save(
            CacheEntry.KEYED,
            "deps-0123",
            content -> Files.write(content.resolve("a.jar"), new byte[2048]));
    store.save(
        CacheEntry.JOB, "build@abc", content -> Files.writeString(content.resolve("log"), "x"));
  }

  @AfterEach
  void deleteThem() {
    store.deleteAll();
  }

  @Test
  void thePageListsEveryCacheWithItsSize() throws Exception {
    mvc.perform(get("/caches"))
        .andExpect(status().isOk())
        .andExpect(view().name(CachesPageController.VIEW))
        .andExpect(model().attribute("caches", hasSize(2)))
        .andExpect(content().string(containsString("deps-0123")))
        .andExpect(content().string(containsString("2.0 KiB")))
        .andExpect(content().string(containsString("build@abc")));
  }

  @Test
  void deletingOneCacheKeepsTheOthers() throws Exception {
    mvc.perform(post("/caches/" + deps.id() + "/delete").with(csrf()))
        .andExpect(redirectedUrl("/caches"))
        .andExpect(flash().attribute("flash", "Deleted the cache."));

    assertThat(store.list()).extracting(CacheEntry::key).containsExactly("build@abc");
  }

  @Test
  void deleteAllEmptiesTheStore() throws Exception {
    mvc.perform(post("/caches/delete").with(csrf()))
        .andExpect(redirectedUrl("/caches"))
        .andExpect(flash().attribute("flash", "Deleted 2 caches."));

    assertThat(store.list()).isEmpty();
  }
}
