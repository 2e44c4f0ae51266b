package dev.fastci.server.forge;

/** A delivery that lacks what is needed: answered 400 with this message. */
public class BadHookException extends RuntimeException {
  public BadHookException(String message) {
    super(message);
  }

  /** A payload without a field it needs: the message names the field by its path. */
  public static BadHookException missing(String path) {
    return new BadHookException("the payload has no " + path);
  }
}
