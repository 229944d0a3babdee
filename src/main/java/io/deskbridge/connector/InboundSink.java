package io.deskbridge.connector;

import io.deskbridge.ticket.TicketRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a connector hands what it received. The runtime stores the raw input before anything else,
 * ignores a repeated source key, and applies the change in one transaction.
 */
public interface InboundSink {

  /**
   * Stores raw input exactly as it arrived, before it is parsed.
   *
   * @return the stored input's id, to pass with the parsed change or to a dead letter
   */
  long storeRaw(String sourceKey, String mediaType, byte[] body);

  /**
   * Applies a change parsed from stored raw input.
   *
   * @param sourceKey stable key of the input (Message-ID, delivery id, file and row); a repeat is a
   *     no-op
   * @return what the gateway made of it
   */
  InboundResult submit(long rawInputId, String sourceKey, InboundChange change);

  /**
   * Applies changes parsed from one stored raw input, in order, as if each were submitted alone,
   * but written together, which is many times faster for a large input such as a file of thousands
   * of tickets. A change the gateway refuses is answered with the reason and the others still
   * apply; a repeated source key is a no-op, as with {@link #submit}.
   *
   * @return one outcome per change, in the order of the changes
   */
  default List<ChangeOutcome> submitAll(long rawInputId, List<SourcedChange> changes) {
    List<ChangeOutcome> outcomes = new ArrayList<>(changes.size());
    for (SourcedChange change : changes) {
      try {
        outcomes.add(
            ChangeOutcome.applied(submit(rawInputId, change.sourceKey(), change.change())));
      } catch (RuntimeException refused) {
        outcomes.add(ChangeOutcome.refused(refused.getMessage()));
      }
    }
    return outcomes;
  }

  /**
   * Parks raw input that could not be turned into a change, with the reason, for ops to inspect.
   */
  void reject(long rawInputId, String reason);

  /**
   * Notes on stored raw input what became of it when it deliberately became no change, such as an
   * out-of-office answer, so ops can see it was recorded and why nothing followed.
   */
  void record(long rawInputId, String outcome);

  /**
   * The ticket of this side that a message with this id opened or was added to: the source key it
   * was submitted under, or the Message-ID of one of its comments. Empty for another side's ticket.
   */
  Optional<TicketRef> ticketByMessageId(String messageId);

  /**
   * Makes everything handed over so far survive a crash of the gateway. A connector calls it before
   * it lets the source forget what it took (marks a mail read, deletes or moves it, moves a file
   * out of the inbox), so that nothing is lost between the two. A store whose commits are on disk
   * when they return does nothing.
   */
  default void sync() {}

  /** This side's ticket that its own system calls by this id, when there is one. */
  Optional<TicketRef> ticketByExternalId(String externalId);

  /** This side's tickets that its own system calls by these ids, for those there are. */
  default Map<String, TicketRef> ticketsByExternalId(Collection<String> externalIds) {
    Map<String, TicketRef> found = new HashMap<>();
    for (String externalId : externalIds) {
      ticketByExternalId(externalId).ifPresent(ticket -> found.put(externalId, ticket));
    }
    return found;
  }

  /** Whether this side may see and change the ticket (a partner only its own). */
  boolean sees(TicketRef ticket);

  /**
   * The Message-IDs of what this side sent about its ticket, oldest first (the message that opened
   * it, then its comments'), so an answer can thread onto the side's latest message.
   */
  List<String> messageIds(TicketRef ticket);
}
