package dev.fastci.secrets;

import java.util.Map;

/**
 * Where a worker (and the server, to check submissions) finds the value of secret {@code NAME}: by
 * default its environment variable {@code FASTCI_SECRET_NAME}. Values are read only where a job's
 * container is created, so they never enter a spec, an activity input or the workflow history.
 */
@FunctionalInterface
public interface SecretSource {
  String VARIABLE_PREFIX = "FASTCI_SECRET_";

  /** The value of the secret, or null when it is not set. */
  String value(String name);

  /** The environment variable that holds the secret. */
  static String variable(String name) {
    return VARIABLE_PREFIX + name;
  }

  /** This process's environment. */
  static SecretSource environment() {
    return name -> System.getenv(variable(name));
  }

  /** A fixed set of environment variables (FASTCI_SECRET_...), for tests. */
  static SecretSource fromVariables(Map<String, String> variables) {
    Map<String, String> copy = Map.copyOf(variables);
    return name -> copy.get(variable(name));
  }
}
