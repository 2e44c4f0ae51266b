package dev.fastci.contract;

/**
 * How a worker fetches a run's repository beyond its plain URL: only names, never a token, so the
 * workflow history holds no secret.
 *
 * @param fetchRef a ref that holds the commit when no branch does (a pull request's {@code
 *     refs/pull/N/head}), fetched first; null for none
 * @param username the HTTPS user name that goes with the token; null without a token
 * @param tokenSecret the secret that holds the token ({@code FASTCI_SECRET_<NAME>} on the worker);
 *     null to use the worker's own credentials
 */
public record RepoAccess(String fetchRef, String username, String tokenSecret) {
  public static final RepoAccess DEFAULT = new RepoAccess(null, null, null);
}
