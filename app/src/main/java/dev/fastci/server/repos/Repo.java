package dev.fastci.server.repos;

import java.time.Instant;

/**
 * A registered repository.
 *
 * @param name {@code owner/repo}, the GitLab project's path, or for {@link ForgeKind#GIT} the
 *     repository's path as the hook reports it
 * @param cloneUrl what the server and the workers fetch, with the token over HTTPS
 * @param apiUrl the forge's API root; null for {@link ForgeKind#GIT}
 * @param tokenSecret the name of the secret holding the API and clone token ({@code
 *     FASTCI_SECRET_<NAME>}); never its value
 * @param hookSecret the name of the secret holding the webhook's shared secret
 * @param approveForks runs of pull requests from forks wait for a user's approval
 * @param trusted its pushes and own pull requests may mount host paths (under the allowed roots)
 */
public record Repo(
    long id,
    ForgeKind forge,
    String name,
    String cloneUrl,
    String apiUrl,
    String tokenSecret,
    String hookSecret,
    String defaultBranch,
    boolean approveForks,
    boolean trusted,
    Instant createdAt) {}
