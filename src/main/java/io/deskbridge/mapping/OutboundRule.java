package io.deskbridge.mapping;

import java.util.List;

/**
 * How one canonical field is sent to a partner: under which name ({@code to}, a dotted path in the
 * partner's record), in whose words (a value table read backwards) and through which transforms.
 */
public record OutboundRule(
    String field, String to, ValueTable table, List<Transform> transforms, int line) {

  public OutboundRule {
    transforms = List.copyOf(transforms);
  }
}
