package dev.fastci.server.schedules;

import dev.fastci.server.runs.RunNotFoundException;

/** No schedule has that id: a 404, like an unknown run. */
class NoSuchScheduleException extends RunNotFoundException {
  NoSuchScheduleException(String id) {
    super("no schedule " + id);
  }
}
