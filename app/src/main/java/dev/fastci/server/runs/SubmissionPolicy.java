package dev.fastci.server.runs;

import dev.fastci.secrets.SecretSource;
import dev.fastci.server.FastciProperties;
import dev.fastci.spec.InvalidSpecException;
import dev.fastci.spec.JobSpec;
import dev.fastci.spec.MemorySize;
import dev.fastci.spec.NotifySpec;
import dev.fastci.spec.PipelineSpec;
import dev.fastci.spec.ServiceSpec;
import dev.fastci.spec.SpecError;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What this server takes beyond the rules of the spec: only secrets it knows (its environment has
 * {@code FASTCI_SECRET_<NAME>}; in the embedded setup the server is the worker), and memory and CPU
 * limits within {@code fastci.limits.max-memory} and {@code max-cpus}. A submission that asks for
 * more is refused with every problem by path, before anything starts.
 */
final class SubmissionPolicy {
  private final SecretSource secrets;
  private final String maxMemory;
  private final Long maxMemoryBytes;
  private final Double maxCpus;
  private final List<String> notifyHosts;

  /**
   * @param limits the server's limits; null for no maximums
   * @throws IllegalArgumentException when {@code max-memory} is not a size
   */
  SubmissionPolicy(FastciProperties.Limits limits, SecretSource secrets) {
    this(limits, List.of(), secrets);
  }

  /**
   * @param notifyHosts the hosts {@code notify} webhooks may name ({@code
   *     fastci.notify.allowed-hosts}, lower case); empty for any
   */
  SubmissionPolicy(FastciProperties.Limits limits, List<String> notifyHosts, SecretSource secrets) {
    this.notifyHosts = List.copyOf(notifyHosts);
    this.secrets = secrets;
    this.maxMemory =
        limits == null || limits.maxMemory() == null ? null : limits.maxMemory().strip();
    try {
      this.maxMemoryBytes = maxMemory == null ? null : MemorySize.parse(maxMemory);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "fastci.limits.max-memory " + maxMemory + " " + e.getMessage(), e);
    }
    this.maxCpus = limits == null ? null : limits.maxCpus();
  }

  /**
   * @throws InvalidSpecException listing every secret the server lacks and every limit too high
   */
  PipelineSpec enforce(PipelineSpec spec) {
    return enforce(spec, true);
  }

  /**
   * @param trusted false for a run whose code is untrusted (a pull request from a fork): it gets no
   *     secret, so the secrets it names need not exist, and its webhooks may send none
   * @throws InvalidSpecException listing every problem found
   */
  PipelineSpec enforce(PipelineSpec spec, boolean trusted) {
    List<SpecError> errors = new ArrayList<>();
    if (trusted) {
      unknownSecrets(spec.secrets(), "secrets", errors);
    }
    for (int i = 0; i < spec.jobs().size(); i++) {
      JobSpec job = spec.jobs().get(i);
      String at = "jobs[" + i + "]";
      if (trusted) {
        unknownSecrets(job.secrets(), at + ".secrets", errors);
      }
      limits(job.memory(), job.cpus(), at, errors);
    }
    for (int i = 0; i < spec.services().size(); i++) {
      ServiceSpec service = spec.services().get(i);
      String at = "services[" + i + "]";
      if (trusted) {
        unknownSecrets(service.secrets(), at + ".secrets", errors);
      }
      limits(service.memory(), service.cpus(), at, errors);
    }
    for (int i = 0; i < spec.notifications().size(); i++) {
      NotifySpec hook = spec.notifications().get(i);
      String at = "notify[" + i + "]";
      String host = hook.webhook().getHost();
      if (!notifyHosts.isEmpty()
          && (host == null || !notifyHosts.contains(host.toLowerCase(Locale.ROOT)))) {
        errors.add(
            new SpecError(
                at + ".webhook",
                "host "
                    + host
                    + " is not allowed on this server (fastci.notify.allowed-hosts: "
                    + String.join(", ", notifyHosts)
                    + ")"));
      }
      if (hook.secretHeader() != null && !trusted) {
        errors.add(
            new SpecError(at + ".secret_header", "a pull request from a fork may send no secret"));
      } else if (hook.secretHeader() != null && secrets.value(hook.secretHeader()) == null) {
        errors.add(
            new SpecError(
                at + ".secret_header",
                "secret "
                    + hook.secretHeader()
                    + " is not set on the server ("
                    + SecretSource.variable(hook.secretHeader())
                    + ")"));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidSpecException(errors);
    }
    return spec;
  }

  private void limits(String memory, Double cpus, String at, List<SpecError> errors) {
    if (memory != null && maxMemoryBytes != null && MemorySize.parse(memory) > maxMemoryBytes) {
      errors.add(
          new SpecError(at + ".memory", "at most " + maxMemory + " is allowed on this server"));
    }
    if (cpus != null && maxCpus != null && cpus > maxCpus) {
      errors.add(
          new SpecError(at + ".cpus", "at most " + plain(maxCpus) + " is allowed on this server"));
    }
  }

  private void unknownSecrets(List<String> names, String at, List<SpecError> errors) {
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (secrets.value(name) == null) {
        errors.add(
            new SpecError(
                at + "[" + i + "]",
                "secret "
                    + name
                    + " is not set on the server ("
                    + SecretSource.variable(name)
                    + ")"));
      }
    }
  }

  private static String plain(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
