package dev.fastci.server.forge;

import dev.fastci.server.repos.ForgeKind;
import dev.fastci.server.repos.Repo;

/**
 * One forge's side of FastCI, after Woodpecker's forge contract: what its webhooks say ({@link
 * #parse}, one function that turns a delivery into FastCI's model and ignores everything else
 * explicitly), how they are signed, how its repositories are cloned, and how a commit status is
 * set. One implementation per forge; none keeps state.
 */
public interface Forge {
  ForgeKind kind();

  /** Whether the delivery carries the signature (or token) of the webhook's shared secret. */
  boolean verified(HookRequest request, String secret);

  /** The forge's id of the delivery, which a delivery sent again repeats; null when absent. */
  String deliveryId(HookRequest request);

  /**
   * The repository the delivery is about, as it is registered ({@code owner/repo}); read before the
   * signature is checked, to find the secret, so it must only read.
   *
   * @throws BadHookException naming the field when the payload lacks it
   */
  String repository(HookRequest request);

  /**
   * The delivery as FastCI's model.
   *
   * @throws BadHookException naming the field when the payload lacks one that is needed
   */
  Hook parse(HookRequest request);

  /** The HTTPS user name that goes with the token when the repository is cloned. */
  String cloneUser();

  /** The ref through which a pull request's head is fetched. */
  String pullRequestRef(int number);

  /** The API call that sets a commit status, authenticated with the token. */
  StatusCall status(Repo repo, CommitStatus status, String token);

  /**
   * Whether the forge refused a status only because the commit has it already (GitLab answers 400
   * to a second {@code running}); that counts as reported.
   */
  default boolean alreadySet(int httpStatus, String body) {
    return false;
  }
}
