package dev.fastci.server.users;

/** The change clashes with what exists (a name taken, the last admin): a 409. */
public class UserConflictException extends RuntimeException {
  public UserConflictException(String message) {
    super(message);
  }
}
