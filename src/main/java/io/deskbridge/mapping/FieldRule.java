package io.deskbridge.mapping;

import java.util.List;

/**
 * How one canonical field is filled from a partner's record: from one or more paths (or other
 * mapped fields, written {@code @field}) or a constant, through transforms and an optional value
 * table, with a default and whether the field is required. {@code line} is where the rule stands in
 * its file.
 */
public record FieldRule(
    String target,
    CanonicalField field,
    List<RecordPath> sources,
    List<String> references,
    String constant,
    List<Transform> transforms,
    String join,
    ValueTable table,
    Unmapped unmapped,
    String defaultValue,
    boolean required,
    int line) {

  public FieldRule {
    // Interned so the canonical names code asks for (get("subject")) match the key by reference.
    target = target.intern();
    sources = List.copyOf(sources);
    references = List.copyOf(references);
    transforms = List.copyOf(transforms);
  }

  /** The attribute this rule fills ({@code openedAt} for {@code attributes.openedAt}), or null. */
  public String attributeName() {
    return field == CanonicalField.ATTRIBUTE
        ? target.substring(CanonicalField.ATTRIBUTE_PREFIX.length()).intern()
        : null;
  }
}
