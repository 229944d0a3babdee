package io.deskbridge.mapping;

/**
 * One step of a field's {@code transform:} list. A value is text ({@link String}) or a list of
 * texts (after {@code split}, or from several sources); transforms on text apply to each item of a
 * list.
 */
public interface Transform {

  /** The keyword ops write for this transform. */
  String keyword();

  /**
   * Transforms a value; null in gives null out.
   *
   * @throws ValueRejected when the value cannot be transformed (a date in none of the formats)
   */
  Object apply(Object value) throws ValueRejected;
}
