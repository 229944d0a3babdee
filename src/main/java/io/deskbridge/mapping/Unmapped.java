package io.deskbridge.mapping;

/** What happens to a value that its table does not have. */
public enum Unmapped {
  /** The change is parked as a dead letter naming the mapping file, field and value. */
  PARK,
  /** The field takes the rule's {@code default}. */
  DEFAULT,
  /** The value passes through as it is (only for fields that take any text). */
  KEEP
}
