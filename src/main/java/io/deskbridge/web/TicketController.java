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
import io.deskbridge.partner.Caller;
import io.deskbridge.partner.RecordIntake;
import io.deskbridge.ticket.Attachment;
import io.deskbridge.ticket.AttachmentStore;
import io.deskbridge.ticket.AttachmentUpload;
import io.deskbridge.ticket.CommentDraft;
import io.deskbridge.ticket.Status;
import io.deskbridge.ticket.Ticket;
import io.deskbridge.ticket.TicketDraft;
import io.deskbridge.ticket.TicketNotFoundException;
import io.deskbridge.ticket.TicketPatch;
import io.deskbridge.ticket.TicketQuery;
import io.deskbridge.ticket.TicketStore;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/tickets}: partners open, comment on, change and read their own tickets; the
 * manufacturer's agents answer and change every ticket. Writes honour {@code Idempotency-Key}.
 */
@RestController
@RequestMapping("/api/v1/tickets")
public class TicketController {

  static final int MAX_PAGE = 200;

  private final Intake intake;
  private final TicketStore tickets;
  private final AttachmentStore attachments;
  private final TicketViews views;
  private final RequestBodies bodies;
  private final ObjectMapper json;
  private final PageCursors cursors;
  private final RecordIntake records;

  public TicketController(
      Intake intake,
      TicketStore tickets,
      AttachmentStore attachments,
      TicketViews views,
      RequestBodies bodies,
      ObjectMapper json,
      PageCursors cursors,
      RecordIntake records) {
    this.intake = intake;
    this.tickets = tickets;
    this.attachments = attachments;
    this.views = views;
    this.bodies = bodies;
    this.json = json;
    this.cursors = cursors;
    this.records = records;
  }

  @PostMapping
  public ResponseEntity<String> create(
      @RequestAttribute(ApiAuthentication.CALLER) Caller caller,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      HttpServletRequest request)
      throws IOException {
    byte[] body = bodies.read(request);
    IntakeOutcome outcome =
        apply(
            caller,
            idempotencyKey,
            request,
            body,
            PartnerRecords.Operation.CREATE,
            null,
            () -> new InboundChange.CreateTicket(canonicalDraft(body)));
    String ref = outcome.ticket().ref().value();
    return ResponseEntity.created(URI.create("/api/v1/tickets/" + ref))
        .contentType(MediaType.APPLICATION_JSON)
        .body(outcome.response());
  }

  TicketDraft canonicalDraft(byte[] body) {
    TicketRequests.Create create = bodies.parse(body, TicketRequests.Create.class);
    return new TicketDraft(
        blankToNull(create.externalId()),
        create.subject() == null ? null : create.subject().strip(),
        create.description(),
        create.priority(),
        create.category(),
        create.product(),
        create.site(),
        create.requester(),
        create.attributes());
  }

  @GetMapping("/{ref}")
  public TicketView read(
      @RequestAttribute(ApiAuthentication.CALLER) Caller caller, @PathVariable String ref) {
    return views.full(find(caller, ref), caller);
  }

  @GetMapping
  public TicketPage list(
      @RequestAttribute(ApiAuthentication.CALLER) Caller caller,
      @RequestParam(required = false) String updatedSince,
      @RequestParam(required = false) Status status,
      @RequestParam(required = false) String cursor,
      @RequestParam(defaultValue = "50") int limit) {
    return page(caller, null, updatedSince, status, cursor, limit);
  }

  TicketPage page(
      Caller caller, String queue, String updatedSince, Status status, String cursor, int limit) {
    if (limit < 1 || limit > MAX_PAGE) {
      throw ApiProblem.badRequest("limit", "limit must be between 1 and " + MAX_PAGE);
    }
    Instant since = null;
    if (updatedSince != null) {
      try {
        since = Instant.parse(updatedSince);
      } catch (DateTimeParseException e) {
        throw ApiProblem.badRequest(
            "updatedSince",
            "updatedSince must be an ISO-8601 instant such as 2026-01-31T08:00:00Z");
      }
    }
    TicketQuery query =
        new TicketQuery(
            caller.isPartner() ? caller.partnerId() : null,
            queue,
            status,
            since,
            cursor == null ? null : cursors.read(cursor),
            limit + 1);
    List<Ticket> found = tickets.page(query);
    boolean more = found.size() > limit;
    List<Ticket> shown = more ? found.subList(0, limit) : found;
    String next = more ? cursors.write(shown.get(shown.size() - 1)) : null;
    return new TicketPage(shown.stream().map(t -> views.summary(t, caller)).toList(), next);
  }

  @PostMapping("/{ref}/comments")
  public ResponseEntity<String> comment(
      @RequestAttribute(ApiAuthentication.CALLER) Caller caller,
      @PathVariable String ref,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      HttpServletRequest request)
      throws IOException {
    TicketLocator locator = locator(ref);
    byte[] body = bodies.read(request);
    IntakeOutcome outcome =
        apply(
            caller,
            idempotencyKey,
            request,
            body,
            PartnerRecords.Operation.COMMENT,
            locator,
            () ->
                new InboundChange.AddComment(
                    locator, canonicalComment(caller, request.getContentType(), body)));
    return ResponseEntity.status(HttpStatus.CREATED)
        .contentType(MediaType.APPLICATION_JSON)
        .body(outcome.response());
  }

  private CommentDraft canonicalComment(Caller caller, String contentType, byte[] body) {
    List<AttachmentUpload> files = new ArrayList<>();
    byte[] json = body;
    if (MultipartComment.isMultipart(contentType)) {
      MultipartComment.Parts parts = MultipartComment.read(contentType, body);
      json = parts.json();
      files.addAll(parts.files());
    }
    TicketRequests.AddComment add = bodies.parse(json, TicketRequests.AddComment.class);
    files.addAll(uploads(add.attachments()));
    return new CommentDraft(
        add.authorName() != null ? add.authorName() : caller.name(),
        add.authorEmail(),
        add.visibility(),
        add.text(),
        add.html(),
        blankToNull(add.externalId()),
        null,
        files);
  }

  @PatchMapping("/{ref}")
  public ResponseEntity<String> patch(
      @RequestAttribute(ApiAuthentication.CALLER) Caller caller,
      @PathVariable String ref,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      HttpServletRequest request)
      throws IOException {
    TicketLocator locator = locator(ref);
    byte[] body = bodies.read(request);
    IntakeOutcome outcome =
        apply(
            caller,
            idempotencyKey,
            request,
            body,
            PartnerRecords.Operation.UPDATE,
            locator,
            () -> new InboundChange.UpdateTicket(locator, canonicalPatch(body)));
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(outcome.response());
  }

  private TicketPatch canonicalPatch(byte[] body) {
    TicketRequests.Patch patch = bodies.parse(body, TicketRequests.Patch.class);
    TicketPatch change =
        new TicketPatch(
            patch.status(),
            patch.priority(),
            patch.subject(),
            patch.category(),
            patch.queue(),
            patch.assignee(),
            patch.attributes());
    if (change.isEmpty()) {
      throw ApiProblem.badRequest(null, "the patch changes nothing: give at least one field");
    }
    return change;
  }

  @GetMapping("/{ref}/attachments/{id}")
  public ResponseEntity<byte[]> attachment(
      @RequestAttribute(ApiAuthentication.CALLER) Caller caller,
      @PathVariable String ref,
      @PathVariable long id) {
    Ticket ticket = find(caller, ref);
    TicketView view = views.full(ticket, caller);
    boolean visible =
        view.comments().stream().flatMap(c -> c.attachments().stream()).anyMatch(a -> a.id() == id);
    Attachment attachment =
        attachments
            .find(ticket.id(), id)
            .filter(a -> visible)
            .orElseThrow(() -> ApiProblem.notFound("no attachment " + id + " on " + ref));
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(attachment.mediaType()))
        .header(
            "Content-Disposition",
            ContentDisposition.attachment()
                .filename(attachment.name(), StandardCharsets.UTF_8)
                .build()
                .toString())
        .body(attachments.content(attachment.sha256()));
  }

  /**
   * Applies one write: through the partner's inbound mapping when it has one for this operation
   * (its record in its own shape), else as canonical JSON.
   */
  private IntakeOutcome apply(
      Caller caller,
      String idempotencyKey,
      HttpServletRequest request,
      byte[] body,
      PartnerRecords.Operation operation,
      TicketLocator locator,
      Supplier<InboundChange> canonical) {
    String key =
        idempotencyKey == null || idempotencyKey.isBlank()
            ? "api:" + UUID.randomUUID()
            : "api:" + idempotencyKey.strip();
    if (key.length() > 300) {
      throw ApiProblem.badRequest(
          "Idempotency-Key", "Idempotency-Key must be at most 255 characters");
    }
    String fingerprint = fingerprint(request.getMethod(), request.getRequestURI(), body);
    Submission.RawInput raw = new Submission.RawInput(contentType(request), body);
    Function<IntakeOutcome, String> render = outcome -> write(views.full(outcome.ticket(), caller));
    Optional<Mapping> mapping =
        caller.isPartner() ? records.mappingFor(caller.partnerId(), operation) : Optional.empty();
    if (mapping.isEmpty()) {
      return intake.submit(
          new Submission(caller.side(), key, fingerprint, canonical.get(), null, raw), render);
    }
    Map<String, Object> record = bodies.parseObject(body);
    try {
      return records.submit(
          caller.side(), mapping.get(), operation, locator, record, raw, key, fingerprint, render);
    } catch (RecordIntake.RecordParkedException parked) {
      throw doesNotFit(mapping.get(), parked);
    }
  }

  /** The 422 for a record that was parked because it does not fit the partner's mapping. */
  static ApiProblem doesNotFit(Mapping mapping, RecordIntake.RecordParkedException parked) {
    return new ApiProblem(
            HttpStatus.UNPROCESSABLE_ENTITY,
            "does-not-fit-mapping",
            parked.rejection().field(),
            "the record does not fit mapping "
                + mapping.name()
                + ": "
                + parked.getMessage()
                + "; it is kept as dead letter "
                + parked.deadLetterId()
                + " for ops to replay once the mapping is fixed")
        .with("deadLetter", parked.deadLetterId());
  }

  private String write(TicketView view) {
    try {
      return json.writeValueAsString(view);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render ticket", e);
    }
  }

  Ticket find(Caller caller, String ref) {
    return intake.locate(caller.side(), locator(ref));
  }

  private static TicketLocator locator(String ref) {
    TicketLocator locator = TicketLocator.parse(ref);
    if (locator == null) {
      throw new TicketNotFoundException(ref);
    }
    return locator;
  }

  private static List<AttachmentUpload> uploads(List<TicketRequests.AttachmentBody> bodies) {
    List<AttachmentUpload> uploads = new ArrayList<>();
    if (bodies == null) {
      return uploads;
    }
    for (int i = 0; i < bodies.size(); i++) {
      TicketRequests.AttachmentBody body = bodies.get(i);
      String at = "attachments[" + i + "]";
      if (body == null || body.name() == null || body.name().isBlank()) {
        throw ApiProblem.badRequest(at + ".name", "field '" + at + ".name' is required");
      }
      if (body.contentBase64() == null) {
        throw ApiProblem.badRequest(
            at + ".contentBase64", "field '" + at + ".contentBase64' is required");
      }
      try {
        uploads.add(
            new AttachmentUpload(
                body.name(),
                body.mediaType(),
                Base64.getDecoder().decode(body.contentBase64().replaceAll("\\s", ""))));
      } catch (IllegalArgumentException e) {
        throw ApiProblem.badRequest(
            at + ".contentBase64", "field '" + at + ".contentBase64' is not valid Base64");
      }
    }
    return uploads;
  }

  static String contentType(HttpServletRequest request) {
    return request.getContentType() == null ? "application/json" : request.getContentType();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  static String fingerprint(String method, String path, byte[] body) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
      digest.update(body);
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
