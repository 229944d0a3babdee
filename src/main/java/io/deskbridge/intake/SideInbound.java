package io.deskbridge.intake;

import io.deskbridge.connector.ChangeOutcome;
import io.deskbridge.connector.InboundChange;
import io.deskbridge.connector.InboundResult;
import io.deskbridge.connector.InboundSink;
import io.deskbridge.connector.SourcedChange;
import io.deskbridge.outbox.DeadLetter;
import io.deskbridge.outbox.DeadLetterStore;
import io.deskbridge.ticket.Side;
import io.deskbridge.ticket.TicketRef;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link InboundSink} of one side: what its connector receives goes through the intake as that
 * side.
 */
public final class SideInbound implements InboundSink {

  private final Side side;
  private final Intake intake;
  private final RawInputStore rawInputs;
  private final DeadLetterStore deadLetters;
  private final SideTickets tickets;
  private final Clock clock;

  public SideInbound(
      Side side,
      Intake intake,
      RawInputStore rawInputs,
      DeadLetterStore deadLetters,
      SideTickets tickets,
      Clock clock) {
    this.side = side;
    this.intake = intake;
    this.rawInputs = rawInputs;
    this.deadLetters = deadLetters;
    this.tickets = tickets;
    this.clock = clock;
  }

  @Override
  public long storeRaw(String sourceKey, String mediaType, byte[] body) {
    return rawInputs.store(side.id(), sourceKey, mediaType, body, clock.instant());
  }

  @Override
  public InboundResult submit(long rawInputId, String sourceKey, InboundChange change) {
    IntakeOutcome outcome =
        intake.submit(
            new Submission(
                side, sourceKey, Submission.fingerprintOf(sourceKey), change, rawInputId, null),
            o -> null);
    return result(outcome);
  }

  @Override
  public List<ChangeOutcome> submitAll(long rawInputId, List<SourcedChange> changes) {
    List<Submission> submissions = new ArrayList<>(changes.size());
    for (SourcedChange change : changes) {
      submissions.add(
          new Submission(
              side,
              change.sourceKey(),
              Submission.fingerprintOf(change.sourceKey()),
              change.change(),
              rawInputId,
              null));
    }
    List<ChangeOutcome> outcomes = new ArrayList<>(changes.size());
    for (Intake.Attempt attempt : intake.submitAll(submissions)) {
      outcomes.add(
          attempt.refusal() != null
              ? ChangeOutcome.refused(attempt.refusal().getMessage())
              : ChangeOutcome.applied(result(attempt.outcome())));
    }
    return outcomes;
  }

  private static InboundResult result(IntakeOutcome outcome) {
    return new InboundResult(
        outcome.ticket() == null ? null : outcome.ticket().ref(),
        outcome.comment() == null ? null : outcome.comment().id(),
        outcome.duplicate());
  }

  @Override
  public Map<String, TicketRef> ticketsByExternalId(Collection<String> externalIds) {
    return tickets.byExternalIds(side.id(), externalIds);
  }

  @Override
  public void sync() {
    rawInputs.sync();
  }

  @Override
  public void reject(long rawInputId, String reason) {
    deadLetters.park(
        DeadLetter.Kind.INTAKE, side.id(), null, null, rawInputId, reason, 1, clock.instant());
  }

  @Override
  public void record(long rawInputId, String outcome) {
    rawInputs.recordOutcome(rawInputId, outcome);
  }

  @Override
  public Optional<TicketRef> ticketByMessageId(String messageId) {
    return tickets.byMessageId(side.id(), messageId);
  }

  @Override
  public Optional<TicketRef> ticketByExternalId(String externalId) {
    return tickets.byExternalId(side.id(), externalId);
  }

  @Override
  public boolean sees(TicketRef ticket) {
    return tickets.belongsTo(side.id(), ticket);
  }

  @Override
  public List<String> messageIds(TicketRef ticket) {
    return tickets.messageIds(side.id(), ticket);
  }
}
