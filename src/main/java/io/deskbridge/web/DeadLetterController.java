package io.deskbridge.web;

import io.deskbridge.intake.RawInputStore;
import io.deskbridge.outbox.DeadLetter;
import io.deskbridge.outbox.DeadLetters;
import io.deskbridge.partner.Caller;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/dead-letters}: for ops, what could not be processed or delivered, and replay. */
@RestController
@RequestMapping("/api/v1/dead-letters")
public class DeadLetterController {

  /** A dead letter as ops see it; {@code raw} shows the stored input of an intake failure. */
  public record DeadLetterView(
      long id,
      DeadLetter.Kind kind,
      String side,
      String ticket,
      Long outboxId,
      Long rawInputId,
      String reason,
      int attempts,
      DeadLetter.State state,
      Instant createdAt,
      Instant resolvedAt,
      RawView raw) {}

  /** Stored raw input: its key, media type and content as text. */
  public record RawView(String sourceKey, String mediaType, int size, String text) {}

  /** A page of dead letters; {@code nextAfter} is the id to continue after, or null at the end. */
  public record DeadLetterPage(List<DeadLetterView> items, Long nextAfter) {}

  private final DeadLetters deadLetters;
  private final RawInputStore rawInputs;
  private final io.deskbridge.ticket.TicketReferences references;

  public DeadLetterController(
      DeadLetters deadLetters,
      RawInputStore rawInputs,
      io.deskbridge.ticket.TicketReferences references) {
    this.deadLetters = deadLetters;
    this.rawInputs = rawInputs;
    this.references = references;
  }

  @GetMapping
  public DeadLetterPage list(
      @RequestAttribute(ApiAuthentication.CALLER) Caller caller,
      @RequestParam(required = false) DeadLetter.State state,
      @RequestParam(required = false) String side,
      @RequestParam(defaultValue = "0") long after,
      @RequestParam(defaultValue = "50") int limit) {
    StaffOnly.ops(caller);
    if (limit < 1 || limit > TicketController.MAX_PAGE) {
      throw ApiProblem.badRequest(
          "limit", "limit must be between 1 and " + TicketController.MAX_PAGE);
    }
    List<DeadLetter> found = deadLetters.list(state, side, after, limit + 1);
    boolean more = found.size() > limit;
    List<DeadLetter> shown = more ? found.subList(0, limit) : found;
    return new DeadLetterPage(
        shown.stream().map(d -> view(d, false)).toList(),
        more ? shown.get(shown.size() - 1).id() : null);
  }

  @GetMapping("/{id}")
  public DeadLetterView read(
      @RequestAttribute(ApiAuthentication.CALLER) Caller caller, @PathVariable long id) {
    StaffOnly.ops(caller);
    return deadLetters
        .find(id)
        .map(d -> view(d, true))
        .orElseThrow(() -> ApiProblem.notFound("no dead letter " + id));
  }

  @PostMapping("/{id}/replay")
  public DeadLetterView replay(
      @RequestAttribute(ApiAuthentication.CALLER) Caller caller, @PathVariable long id) {
    StaffOnly.ops(caller);
    return answer(id, deadLetters.replay(id));
  }

  @PostMapping("/{id}/discard")
  public DeadLetterView discard(
      @RequestAttribute(ApiAuthentication.CALLER) Caller caller, @PathVariable long id) {
    StaffOnly.ops(caller);
    return answer(id, deadLetters.discard(id));
  }

  private DeadLetterView answer(long id, DeadLetters.Outcome outcome) {
    return switch (outcome) {
      case DONE -> deadLetters.find(id).map(d -> view(d, false)).orElseThrow();
      case NOT_FOUND -> throw ApiProblem.notFound("no dead letter " + id);
      case NOT_OPEN ->
          throw new ApiProblem(
              HttpStatus.CONFLICT,
              "conflict",
              null,
              "dead letter " + id + " was replayed or discarded already");
      case FAILED_AGAIN ->
          throw new ApiProblem(
              HttpStatus.UNPROCESSABLE_ENTITY,
              "replay-failed",
              null,
              "replayed, and it failed again (the dead letter stays open): "
                  + deadLetters.lastFailure(id));
      case NOT_REPLAYABLE ->
          throw new ApiProblem(
              HttpStatus.CONFLICT,
              "conflict",
              null,
              "the connector of this side cannot interpret stored input again; discard it instead");
    };
  }

  private DeadLetterView view(DeadLetter d, boolean withRaw) {
    RawView raw = null;
    if (withRaw && d.rawInputId() != null) {
      raw =
          rawInputs
              .find(d.rawInputId())
              .map(
                  r ->
                      new RawView(
                          r.sourceKey(),
                          r.mediaType(),
                          r.body().length,
                          new String(r.body(), StandardCharsets.UTF_8)))
              .orElse(null);
    }
    return new DeadLetterView(
        d.id(),
        d.kind(),
        d.side(),
        d.ticketId() == null ? null : references.of(d.ticketId()).value(),
        d.outboxId(),
        d.rawInputId(),
        d.reason(),
        d.attempts(),
        d.state(),
        d.createdAt(),
        d.resolvedAt(),
        raw);
  }
}
