package io.deskbridge.connector;

import java.util.Objects;

/**
 * A change a connector parsed, with the stable key of the input it came from (a Message-ID, a file
 * and line), as it hands several over at once.
 */
public record SourcedChange(String sourceKey, InboundChange change) {

  public SourcedChange {
    Objects.requireNonNull(sourceKey, "sourceKey");
    Objects.requireNonNull(change, "change");
  }
}
