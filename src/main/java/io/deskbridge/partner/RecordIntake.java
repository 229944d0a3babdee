package io.deskbridge.partner;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deskbridge.connector.InboundChange;
import io.deskbridge.connector.PartnerRecords.Operation;
import io.deskbridge.connector.TicketLocator;
import io.deskbridge.intake.Intake;
import io.deskbridge.intake.IntakeOutcome;
import io.deskbridge.intake.RawInputStore;
import io.deskbridge.intake.Submission;
import io.deskbridge.mapping.MappedValues;
import io.deskbridge.mapping.Mapping;
import io.deskbridge.mapping.MappingRejectedException;
import io.deskbridge.outbox.DeadLetter;
import io.deskbridge.outbox.DeadLetterStore;
import io.deskbridge.outbox.IntakeReplayer;
import io.deskbridge.ticket.AttachmentUpload;
import io.deskbridge.ticket.CommentDraft;
import io.deskbridge.ticket.Side;
import io.deskbridge.ticket.TicketPatch;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Takes a record in a partner's own shape, turns it into a canonical change with the partner's
 * inbound mapping and hands it to the intake. A record that does not fit the mapping is kept as it
 * arrived and parked as a dead letter that names the mapping file, line, field and value; once ops
 * have fixed the mapping, replaying it runs the same operation again.
 */
public class RecordIntake implements IntakeReplayer {

  /** A record that did not fit its mapping and was parked, with the dead letter that holds it. */
  public static class RecordParkedException extends RuntimeException {
    private final transient MappingRejectedException cause;
    private final long deadLetterId;

    RecordParkedException(MappingRejectedException cause, long deadLetterId) {
      super(cause.getMessage(), cause);
      this.cause = cause;
      this.deadLetterId = deadLetterId;
    }

    public MappingRejectedException rejection() {
      return cause;
    }

    public long deadLetterId() {
      return deadLetterId;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final PartnerMappings mappings;
  private final Intake intake;
  private final RawInputStore rawInputs;
  private final DeadLetterStore deadLetters;
  private final Clock clock;

  public RecordIntake(
      PartnerMappings mappings,
      Intake intake,
      RawInputStore rawInputs,
      DeadLetterStore deadLetters,
      Clock clock) {
    this.mappings = mappings;
    this.intake = intake;
    this.rawInputs = rawInputs;
    this.deadLetters = deadLetters;
    this.clock = clock;
  }

  /**
   * The inbound mapping of a partner when it maps the given operation; empty for canonical JSON.
   */
  public Optional<Mapping> mappingFor(String partnerId, Operation operation) {
    return mappings
        .forPartner(partnerId)
        .filter(
            m ->
                operation == Operation.COMMENT
                    ? !m.inbound().commentRules().isEmpty()
                    : !m.inbound().ticketRules().isEmpty());
  }

  /**
   * Maps and submits a partner's record.
   *
   * @throws RecordParkedException when the record does not fit the mapping (it is parked)
   */
  public IntakeOutcome submit(
      Side side,
      Mapping mapping,
      Operation operation,
      TicketLocator ticket,
      Map<String, Object> record,
      Submission.RawInput raw,
      String sourceKey,
      String fingerprint,
      Function<IntakeOutcome, String> render) {
    InboundChange change;
    try {
      change = change(mapping, operation, ticket, record);
    } catch (MappingRejectedException rejected) {
      long rawId =
          rawInputs.store(
              side.id(),
              sourceKey,
              raw.mediaType(),
              operation(operation, ticket),
              raw.body(),
              clock.instant());
      long letter =
          deadLetters.park(
              DeadLetter.Kind.INTAKE,
              side.id(),
              null,
              null,
              rawId,
              "does not fit mapping " + mapping.name() + ": " + rejected.getMessage(),
              1,
              clock.instant());
      throw new RecordParkedException(rejected, letter);
    }
    return intake.submit(new Submission(side, sourceKey, fingerprint, change, null, raw), render);
  }

  static InboundChange change(
      Mapping mapping, Operation operation, TicketLocator ticket, Map<String, Object> record) {
    return switch (operation) {
      case CREATE -> new InboundChange.CreateTicket(mapping.inbound().ticket(record).toDraft());
      case UPDATE -> {
        TicketPatch patch = mapping.inbound().ticketUpdate(record).toPatch();
        yield new InboundChange.UpdateTicket(ticket, patch);
      }
      case COMMENT -> {
        MappedValues values = mapping.inbound().comment(record);
        CommentDraft mapped = values.toComment();
        CommentDraft draft =
            new CommentDraft(
                mapped.authorName(),
                mapped.authorEmail(),
                mapped.visibility(),
                mapped.text(),
                mapped.html(),
                mapped.externalId(),
                null,
                attachments(record.get("attachments")));
        yield new InboundChange.AddComment(ticket, draft);
      }
    };
  }

  /** Files sent with a mapped comment, in the canonical shape {name, mediaType, contentBase64}. */
  private static List<AttachmentUpload> attachments(Object value) {
    List<AttachmentUpload> uploads = new ArrayList<>();
    if (!(value instanceof List<?> list)) {
      return uploads;
    }
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof Map<?, ?> file)
          || file.get("name") == null
          || file.get("contentBase64") == null) {
        throw new MappingRejectedException(
            List.of("attachments[" + i + "] needs name and contentBase64"),
            "attachments[" + i + "]");
      }
      try {
        uploads.add(
            new AttachmentUpload(
                String.valueOf(file.get("name")),
                file.get("mediaType") == null ? null : String.valueOf(file.get("mediaType")),
                Base64.getDecoder()
                    .decode(String.valueOf(file.get("contentBase64")).replaceAll("\\s", ""))));
      } catch (IllegalArgumentException e) {
        throw new MappingRejectedException(
            List.of("attachments[" + i + "].contentBase64 is not valid Base64"),
            "attachments[" + i + "].contentBase64");
      }
    }
    return uploads;
  }

  static String operation(Operation operation, TicketLocator ticket) {
    return operation.name().toLowerCase(java.util.Locale.ROOT)
        + (ticket == null ? "" : ":" + ticket);
  }

  /**
   * Runs a parked record's operation again under the mapping now in force.
   *
   * @return false when the dead letter does not hold a partner record
   * @throws MappingRejectedException when the record still does not fit (the dead letter stays
   *     open)
   */
  @Override
  public boolean replay(DeadLetter letter) {
    if (letter.rawInputId() == null) {
      return false;
    }
    var raw = rawInputs.find(letter.rawInputId()).orElse(null);
    if (raw == null || raw.operation() == null) {
      return false;
    }
    Mapping mapping = mappings.forPartner(raw.side()).orElse(null);
    if (mapping == null) {
      return false;
    }
    String[] parts = raw.operation().split(":", 2);
    Operation operation = Operation.valueOf(parts[0].toUpperCase(java.util.Locale.ROOT));
    TicketLocator ticket = parts.length > 1 ? TicketLocator.parse(parts[1]) : null;
    Map<String, Object> record;
    try {
      record = JSON.readValue(raw.body(), new TypeReference<Map<String, Object>>() {});
    } catch (IOException e) {
      return false;
    }
    InboundChange change = change(mapping, operation, ticket, record);
    // A key of its own: the original key may have been used since for a corrected request.
    String key = raw.sourceKey() + "#replay-" + letter.id();
    intake.submit(
        new Submission(
            new Side(raw.side()), key, Submission.fingerprintOf(key), change, raw.id(), null),
        o -> null);
    return true;
  }
}
