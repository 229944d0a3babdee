package io.deskbridge.connector;

import java.util.Map;
import java.util.Set;

/**
 * The partner's inbound mapping as a connector sees it: turns a record in the partner's own field
 * names and words (a CSV row, a webhook body) into a canonical change. The mapping in force is read
 * on every call, so a reloaded mapping applies to the next record.
 */
public interface PartnerRecords {

  /** What a record asks for. */
  enum Operation {
    CREATE,
    UPDATE,
    COMMENT
  }

  /** Whether the partner's mapping has rules for the operation. */
  boolean maps(Operation operation);

  /**
   * The record fields the operation cannot do without: the single source of every required rule
   * that has neither a default nor a constant. A file connector checks its header against them
   * before it applies any row.
   */
  Set<String> requiredFields(Operation operation);

  /**
   * Whether the mapping's {@code commentWhen} marks the record as a comment (a row type column, an
   * event name), for partners that send tickets and comments in one stream.
   */
  default boolean isComment(Map<String, ?> record) {
    return false;
  }

  /**
   * The canonical change a record asks for.
   *
   * @param ticket the ticket an update or comment is for; null for a create
   * @throws RecordRejectedException naming every problem of the record and its first field
   */
  InboundChange map(Operation operation, TicketLocator ticket, Map<String, ?> record);

  /** For a partner without a mapping: maps nothing. */
  static PartnerRecords none() {
    return new PartnerRecords() {
      @Override
      public boolean maps(Operation operation) {
        return false;
      }

      @Override
      public Set<String> requiredFields(Operation operation) {
        return Set.of();
      }

      @Override
      public InboundChange map(Operation operation, TicketLocator ticket, Map<String, ?> record) {
        throw new RecordRejectedException(
            java.util.List.of("the partner has no inbound mapping"), null);
      }
    };
  }
}
