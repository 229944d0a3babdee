package io.deskbridge.mapping;

/** A value a transform or table cannot take, with why; the mapper adds the field and location. */
public class ValueRejected extends Exception {
  public ValueRejected(String reason) {
    super(reason, null, false, false);
  }
}
