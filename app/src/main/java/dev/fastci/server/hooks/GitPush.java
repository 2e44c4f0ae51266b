package dev.fastci.server.hooks;

/**
 * One pushed ref, as the post-receive hook reports it.
 *
 * @param repo the repository's path (or URL) on the server's host
 * @param after the pushed commit; all zeros when the ref was deleted
 */
public record GitPush(String repo, String before, String after, String ref) {
  private static final String DELETED = "0".repeat(40);

  /** The pushed branch, or null for a tag or another ref. */
  String branch() {
    return ref != null && ref.startsWith("refs/heads/")
        ? ref.substring("refs/heads/".length())
        : null;
  }

  boolean deletesRef() {
    return after == null || after.equals(DELETED) || after.matches("0+");
  }
}
