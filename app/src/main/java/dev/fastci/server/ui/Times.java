package dev.fastci.server.ui;

import java.time.Instant;

/** The templates' way to {@link Formats#time}: {@code ${times.of(instant)}}. */
public final class Times {
  static final Times INSTANCE = new Times();

  private Times() {}

  public String of(Instant instant) {
    return Formats.time(instant);
  }
}
