package dev.fastci.server.users;

/** No user (or no token of the user) by that name or id: a 404. */
public class UserNotFoundException extends RuntimeException {
  public UserNotFoundException(String message) {
    super(message);
  }
}
