package io.deskbridge.mapping;

import java.util.List;

/**
 * A record or change that does not fit a mapping, with every reason, each naming the mapping file
 * and line, the field and the value. Nothing of it has been applied.
 */
public class MappingRejectedException extends RuntimeException {

  private final transient List<String> reasons;
  private final String field;

  public MappingRejectedException(List<String> reasons, String field) {
    super(String.join("; ", reasons));
    this.reasons = List.copyOf(reasons);
    this.field = field;
  }

  public List<String> reasons() {
    return reasons;
  }

  /** The first field at fault, for an API answer's {@code field} member. */
  public String field() {
    return field;
  }
}
