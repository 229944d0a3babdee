package io.deskbridge.web;

import java.time.Instant;
import java.util.List;

/** What the API needs of configuration reloading: where it stands, and a reload on request. */
public interface ConfigurationControl {

  /**
   * Where the configuration stands: the version in force, when it was read, and current problems.
   */
  record Status(
      int version, Instant loadedAt, Instant checkedAt, boolean reloaded, List<String> problems) {
    public Status {
      problems = List.copyOf(problems);
    }
  }

  Status status();

  /** Reads the configuration again now and takes it into force if it is valid. */
  Status reload();
}
