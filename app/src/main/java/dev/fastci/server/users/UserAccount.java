package dev.fastci.server.users;

import java.time.Instant;

/** A user as the API and the Users page show it: never the password's hash. */
public record UserAccount(String name, Role role, Instant createdAt) {}
