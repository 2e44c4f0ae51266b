package dev.fastci.server.audit;

import java.util.Locale;

/** How an audited action ended. */
public enum Outcome {
  /** It was done. */
  OK,
  /** It was refused or could not be done (an invalid spec, a run in the wrong state). */
  FAILED,
  /** The caller's role does not allow it (403). */
  DENIED;

  public String shown() {
    return name().toLowerCase(Locale.ROOT);
  }
}
