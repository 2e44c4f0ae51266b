package dev.fastci.server.forge;

/** What a webhook delivery means to FastCI; every other delivery is {@link Ignored}. */
public sealed interface Hook {
  String ZERO_COMMIT = "0".repeat(40);

  /** The forge checks the webhook (GitHub's {@code ping}). */
  record Ping() implements Hook {}

  /**
   * Commits pushed to a branch or a tag.
   *
   * @param ref {@code refs/heads/main} or {@code refs/tags/v1}
   * @param after the pushed commit
   * @param author who pushed
   * @param message the head commit's message, or null
   */
  record Push(String ref, String before, String after, String author, String message)
      implements Hook {
    /** {@code tag} for a tag, else {@code push}. */
    public String event() {
      return ref.startsWith("refs/tags/") ? "tag" : "push";
    }

    /** The branch or tag name. */
    public String name() {
      return ref.replaceFirst("^refs/(heads|tags)/", "");
    }
  }

  /**
   * A pull (merge) request opened, reopened, given new commits, or closed.
   *
   * @param headBranch the source branch, in {@code headRepo}
   * @param headRepo the repository the source branch is in ({@code owner/repo}), for a fork
   * @param baseBranch the target branch
   * @param fork the source is another repository than the one registered: its code is untrusted
   */
  record PullRequest(
      Action action,
      int number,
      String title,
      String author,
      String headBranch,
      String headSha,
      String headRepo,
      String baseBranch,
      boolean fork)
      implements Hook {

    public enum Action {
      /** Opened or reopened: its pipelines run. */
      OPENED,
      /** New commits on the source branch: its pipelines run at the new head. */
      SYNCHRONIZED,
      /** Closed or merged: its running runs are cancelled. */
      CLOSED;

      /**
       * GitHub's and Gitea's action names: {@code opened}, {@code reopened}, {@code synchronize}
       * (Gitea: {@code synchronized}), {@code closed}; null for any other (labels, edits, reviews).
       */
      public static Action named(String action) {
        return switch (action) {
          case "opened", "reopened" -> OPENED;
          case "synchronize", "synchronized" -> SYNCHRONIZED;
          case "closed" -> CLOSED;
          default -> null;
        };
      }
    }
  }

  /** A delivery that starts nothing, and why: it is answered with the reason. */
  record Ignored(String reason) implements Hook {}
}
