package dev.fastci.server.repos;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/repos/{id}/badge.svg}: the repository's status on its default branch, for its
 * README. It needs no token (a README shows it to anyone) unless {@code fastci.badges.public} is
 * false, and tells no more than the word.
 */
@RestController
class RepoBadgeController {
  private final RepoStore repos;
  private final RepoRuns runs;

  RepoBadgeController(RepoStore repos, RepoRuns runs) {
    this.repos = repos;
    this.runs = runs;
  }

  @GetMapping("/api/repos/{id}/badge.svg")
  ResponseEntity<String> badge(@PathVariable long id) {
    Badges.Badge badge =
        repos
            .find(id)
            .map(repo -> Badges.of(repo, runs.newest(id, 200)))
            .orElse(new Badges.Badge("unknown", "#9ca3af"));
    return ResponseEntity.ok()
        .contentType(MediaType.valueOf("image/svg+xml"))
        .cacheControl(CacheControl.noCache())
        .body(Badges.svg(badge));
  }
}
