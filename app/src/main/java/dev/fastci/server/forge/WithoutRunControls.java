package dev.fastci.server.forge;

import org.springframework.stereotype.Component;

/**
 * This server has no run controls yet: no run can wait for approval, and a new push to a pull
 * request does not cancel its running runs. A pull request from a fork of a repository with {@code
 * approve_forks} therefore starts nothing (its pipelines are skipped, saying so) rather than run
 * unapproved.
 */
@Component
class WithoutRunControls implements PullRequestControls {
  @Override
  public boolean holdsForApproval() {
    return false;
  }

  @Override
  public boolean supersedesGroups() {
    return false;
  }
}
