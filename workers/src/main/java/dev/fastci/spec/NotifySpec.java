package dev.fastci.spec;

import java.net.URI;
import java.util.List;

/**
 * One entry of the pipeline's {@code notify}: a webhook told of the run's end.
 *
 * @param on when: {@code failure}, {@code success}, {@code fixed} (succeeded after the previous run
 *     of the same pipeline and branch failed), {@code always}
 * @param secretHeader the name of a secret sent as a header (named after the secret, {@code
 *     X_TOKEN} as {@code X-Token}), or null
 */
public record NotifySpec(URI webhook, List<On> on, String secretHeader) {
  /** When a webhook is told. */
  public enum On {
    FAILURE,
    SUCCESS,
    FIXED,
    ALWAYS
  }

  public NotifySpec {
    on = on == null ? List.of(On.FAILURE, On.FIXED) : on.stream().distinct().sorted().toList();
  }
}
