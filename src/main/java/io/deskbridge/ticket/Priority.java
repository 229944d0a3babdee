package io.deskbridge.ticket;

/** How urgent a ticket is; CRITICAL means an alarm system is down. */
public enum Priority {
  CRITICAL,
  HIGH,
  NORMAL,
  LOW
}
