package io.deskbridge.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deskbridge.connector.InboundChange;
import io.deskbridge.connector.PartnerRecords;
import io.deskbridge.connector.TicketLocator;
import io.deskbridge.intake.Intake;
import io.deskbridge.intake.IntakeOutcome;
import io.deskbridge.intake.Submission;
import io.deskbridge.mapping.Mapping;
import io.deskbridge.mapping.MappingRejectedException;
import io.deskbridge.partner.Caller;
import io.deskbridge.partner.Partner;
import io.deskbridge.partner.PartnerDirectory;
import io.deskbridge.partner.PartnerSecurity;
import io.deskbridge.partner.RecordIntake;
import io.deskbridge.ticket.TicketStore;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/partners/{id}/inbound}: a partner system's own webhook. Its body is a record
 * in the partner's shape: it opens a ticket when its external id is new and changes that ticket
 * otherwise, or adds a comment to it when the mapping's {@code commentWhen} says it is one. A
 * delivery id sent with it makes a redelivery change nothing.
 */
@RestController
public class WebhookController {

  private final PartnerDirectory partners;
  private final RecordIntake records;
  private final Intake intake;
  private final TicketStore tickets;
  private final TicketViews views;
  private final RequestBodies bodies;
  private final TicketController canonical;
  private final ObjectMapper json;

  public WebhookController(
      PartnerDirectory partners,
      RecordIntake records,
      Intake intake,
      TicketStore tickets,
      TicketViews views,
      RequestBodies bodies,
      TicketController canonical,
      ObjectMapper json) {
    this.partners = partners;
    this.records = records;
    this.intake = intake;
    this.tickets = tickets;
    this.views = views;
    this.bodies = bodies;
    this.canonical = canonical;
    this.json = json;
  }

  @PostMapping("/api/v1/partners/{id}/inbound")
  public ResponseEntity<String> inbound(
      @RequestAttribute(ApiAuthentication.CALLER) Caller caller,
      @PathVariable String id,
      HttpServletRequest request)
      throws IOException {
    // Another partner's webhook is "not found", exactly like one that does not exist.
    Partner partner =
        partners
            .find(id)
            .filter(p -> caller.isPartner() && caller.partnerId().equals(p.id()))
            .orElseThrow(() -> ApiProblem.notFound("no partner '" + id + "'"));
    byte[] body = bodies.read(request);
    String key = "webhook:" + deliveryId(partner, request).orElse(UUID.randomUUID().toString());
    if (key.length() > 300) {
      throw ApiProblem.badRequest(null, "the delivery id must be at most 255 characters");
    }
    // A delivery id names one delivery: its redelivery is a repeat whatever the body says now.
    String fingerprint = Submission.fingerprintOf(key);
    Submission.RawInput raw = new Submission.RawInput(TicketController.contentType(request), body);
    Function<IntakeOutcome, String> render = outcome -> write(views.full(outcome.ticket(), caller));
    Optional<Mapping> mapping = records.mappingFor(id, PartnerRecords.Operation.CREATE);
    IntakeOutcome outcome;
    boolean creating = true;
    if (mapping.isEmpty()) {
      outcome =
          intake.submit(
              new Submission(
                  caller.side(),
                  key,
                  fingerprint,
                  new InboundChange.CreateTicket(canonical.canonicalDraft(body)),
                  null,
                  raw),
              render);
    } else {
      Map<String, Object> record = bodies.parseObject(body);
      boolean comment = mapping.get().inbound().isComment(record);
      TicketLocator existing =
          comment
              ? commentedTicket(id, mapping.get(), record)
              : existingTicket(id, mapping.get(), record);
      creating = comment || existing == null;
      try {
        outcome =
            records.submit(
                caller.side(),
                mapping.get(),
                comment
                    ? PartnerRecords.Operation.COMMENT
                    : existing == null
                        ? PartnerRecords.Operation.CREATE
                        : PartnerRecords.Operation.UPDATE,
                existing,
                record,
                raw,
                key,
                fingerprint,
                render);
      } catch (RecordIntake.RecordParkedException parked) {
        throw TicketController.doesNotFit(mapping.get(), parked);
      }
    }
    return ResponseEntity.status(
            creating && !outcome.duplicate() ? HttpStatus.CREATED : HttpStatus.OK)
        .contentType(MediaType.APPLICATION_JSON)
        .body(outcome.response());
  }

  /**
   * The partner's ticket a comment record is for, named by the external id the ticket rules read.
   *
   * @throws ApiProblem 422 when the record names no ticket, 404 when the partner has none by it
   */
  private TicketLocator commentedTicket(
      String partnerId, Mapping mapping, Map<String, Object> record) {
    String externalId;
    try {
      externalId = mapping.inbound().ticketUpdate(record).get("externalId");
    } catch (MappingRejectedException doesNotFit) {
      externalId = null;
    }
    if (externalId == null || externalId.isBlank()) {
      throw new ApiProblem(
          HttpStatus.UNPROCESSABLE_ENTITY,
          "comment-names-no-ticket",
          "externalId",
          "the comment names no ticket: mapping "
              + mapping.name()
              + " reads externalId from a field this record leaves empty");
    }
    String id = externalId.strip();
    if (tickets.findByExternalId(partnerId, id).isEmpty()) {
      throw ApiProblem.notFound("no ticket ext:" + id);
    }
    return TicketLocator.external(id);
  }

  /** The ticket the record's external id names, when the partner has one by that id already. */
  private TicketLocator existingTicket(
      String partnerId, Mapping mapping, Map<String, Object> record) {
    String externalId;
    try {
      externalId = mapping.inbound().ticket(record).toDraft().externalId();
    } catch (MappingRejectedException doesNotFit) {
      // Submitted as a new ticket, the record is parked with the reason and answered with a 422.
      return null;
    }
    if (externalId == null || externalId.isBlank()) {
      return null;
    }
    return tickets.findByExternalId(partnerId, externalId.strip()).isPresent()
        ? TicketLocator.external(externalId.strip())
        : null;
  }

  private static Optional<String> deliveryId(Partner partner, HttpServletRequest request) {
    PartnerSecurity.Webhook webhook = partner.security().webhook();
    List<String> headers =
        webhook == null
            ? PartnerSecurity.Webhook.DEFAULT_DELIVERY_HEADERS
            : webhook.deliveryHeaders();
    for (String header : headers) {
      String value = request.getHeader(header);
      if (value != null && !value.isBlank()) {
        return Optional.of(value.strip());
      }
    }
    return Optional.empty();
  }

  private String write(TicketView view) {
    try {
      return json.writeValueAsString(view);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render ticket", e);
    }
  }
}
