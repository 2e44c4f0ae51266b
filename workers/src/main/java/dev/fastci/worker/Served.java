package dev.fastci.worker;

import java.util.List;

/** What a task queue of the server is served with, in every generation of the engine. */
record Served(List<Class<?>> workflowTypes, List<Object> activities) {
  Served {
    workflowTypes = List.copyOf(workflowTypes);
    activities = List.copyOf(activities);
  }
}
