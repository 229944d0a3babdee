package io.deskbridge.mapping;

import java.nio.file.Path;
import java.util.Map;

/** One mapping file, read and compiled: its value tables, inbound half and outbound half. */
public record Mapping(
    String name,
    Path file,
    Map<String, ValueTable> tables,
    InboundMapping inbound,
    OutboundMapping outbound) {

  public Mapping {
    tables = Map.copyOf(tables);
  }
}
