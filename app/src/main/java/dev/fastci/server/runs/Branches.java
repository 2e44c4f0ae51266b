package dev.fastci.server.runs;

/** The {@code branch} a manual or API run is given, for its jobs' {@code when.branch}. */
public final class Branches {
  static final int MAX_LENGTH = 400;

  private Branches() {}

  /**
   * The branch, or null when none is given.
   *
   * @throws IllegalArgumentException naming the parameter, for a branch git could not have
   */
  public static String checked(String branch) {
    if (branch == null || branch.isEmpty()) {
      return null;
    }
    if (branch.length() > MAX_LENGTH
        || branch.isBlank()
        || branch.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == ' ')) {
      throw new IllegalArgumentException(
          "branch: must be a branch name of at most " + MAX_LENGTH + " characters, without spaces");
    }
    return branch;
  }
}
