package dev.fastci.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/** The services a job names exist, and no service shares a name with a job. */
final class ServiceReferences {
  private ServiceReferences() {}

  /**
   * @param jobsNode the {@code jobs} list as given
   * @param servicesNode the {@code services} list as given, or null
   * @param services the names of the valid services
   */
  static void check(
      JsonNode jobsNode,
      JsonNode servicesNode,
      Set<String> services,
      JobValidator validator,
      SpecErrors jobErrors,
      SpecErrors serviceErrors) {
    for (int i = 0; i < jobsNode.size(); i++) {
      JsonNode listed = jobsNode.get(i).get("services");
      if (listed == null || !listed.isArray()) {
        continue;
      }
      for (int j = 0; j < listed.size(); j++) {
        String name = listed.get(j).asText();
        if (listed.get(j).isTextual() && !services.contains(name)) {
          jobErrors.add(
              SpecErrors.index(SpecErrors.key(SpecErrors.index("jobs", i), "services"), j),
              "no service " + SpecErrors.quote(name) + " in the pipeline's services");
        }
      }
    }
    if (servicesNode == null || !servicesNode.isArray()) {
      return;
    }
    for (int i = 0; i < servicesNode.size(); i++) {
      String name = servicesNode.get(i).path("name").asText(null);
      if (name != null
          && (validator.names().contains(name) || validator.groups().containsKey(name))) {
        serviceErrors.add(
            SpecErrors.key(SpecErrors.index("services", i), "name"),
            "the name of a job: a service and a job may not share a name");
      }
    }
  }
}
