package dev.fastci.server.security;

import dev.fastci.server.audit.Actor;
import dev.fastci.server.tokens.PersonalTokens;
import dev.fastci.server.users.Role;
import dev.fastci.server.users.UserStore;
import dev.fastci.server.users.Users;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.provider.Arguments;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The whole server (real security, real H2 store, embedded Temporal; no worker, so no Docker) with
 * one user of each role, each with a personal token of their role. Shared by the tests of roles,
 * tokens and the audit log, which so share one Spring context.
 */
@SpringBootTest(
    properties = {
      "fastci.api-token=server-wide-token",
      "fastci.admin-password=admin-password",
      "fastci.worker.enabled=false",
      "fastci.runs.reconcile-every=1h"
    })
@AutoConfigureMockMvc
abstract class ServerWithUsers {
  static final String PASSWORD = "a-long-password";
  static final Path DATA_DIR = dataDir();
  static final Map<Role, String> USERS =
      Map.of(Role.VIEWER, "vera", Role.OPERATOR, "otto", Role.ADMIN, "ada");
  private static final Map<Role, String> TOKENS = new EnumMap<>(Role.class);

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) {
    registry.add("fastci.data-dir", DATA_DIR::toString);
  }

  @Autowired MockMvc mvc;
  @Autowired Users users;
  @Autowired UserStore userStore;
  @Autowired PersonalTokens tokens;

  @BeforeEach
  void oneUserOfEachRole() {
    synchronized (TOKENS) {
      for (Role role : Role.values()) {
        String name = USERS.get(role);
        if (userStore.find(name).isEmpty()) {
          users.add(Actor.named(Actor.SYSTEM), name, role.shown(), PASSWORD);
          TOKENS.put(role, tokens.create(Actor.named(Actor.SYSTEM), name, "t", null, null).token());
        }
      }
    }
  }

  /** Each case once for every role: the case's arguments, then the role. */
  static Stream<Arguments> forEachRole(Stream<Arguments> cases) {
    return cases.flatMap(
        c ->
            Stream.of(Role.values())
                .map(
                    role -> {
                      List<Object> args =
                          new ArrayList<>(Arrays.asList(c.get())); // a case may hold null
                      args.add(role);
                      return Arguments.of(args.toArray());
                    }));
  }

  /** The personal token of the user with this role. */
  static String token(Role role) {
    return TOKENS.get(role);
  }

  private static Path dataDir() {
    try {
      return Files.createTempDirectory("fastci-users-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
