package dev.fastci.worker;

import java.util.Locale;

/** Which backend a worker runs its job containers on: {@code fastci.backend} / FASTCI_BACKEND. */
public enum BackendKind {
  /** The Docker engine of DOCKER_HOST, or the local socket. */
  DOCKER,
  /** No engine at all: each job's DUMMY_* environment says what its container does. */
  DUMMY;

  /**
   * @param value {@code docker} or {@code dummy}, in any case; blank or null for docker
   */
  public static BackendKind parse(String value) {
    if (value == null || value.isBlank()) {
      return DOCKER;
    }
    for (BackendKind kind : values()) {
      if (kind.id().equals(value.strip().toLowerCase(Locale.ROOT))) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "fastci.backend: must be docker or dummy, got '" + value + "'");
  }

  /** The name in settings: {@code docker} or {@code dummy}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
