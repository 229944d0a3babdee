package io.deskbridge.ticket;

/** The kinds of change the event journal records. */
public enum EventType {
  CREATED,
  COMMENTED,
  STATUS_CHANGED,
  FIELDS_CHANGED,
  ROUTED,
  ASSIGNED
}
