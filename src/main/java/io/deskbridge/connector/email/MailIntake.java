package io.deskbridge.connector.email;

import io.deskbridge.connector.InboundChange;
import io.deskbridge.connector.InboundResult;
import io.deskbridge.connector.InboundSink;
import io.deskbridge.connector.TicketLocator;
import io.deskbridge.ticket.AttachmentUpload;
import io.deskbridge.ticket.CommentDraft;
import io.deskbridge.ticket.Contact;
import io.deskbridge.ticket.ContentDigest;
import io.deskbridge.ticket.TicketDraft;
import io.deskbridge.ticket.TicketRef;
import io.deskbridge.ticket.Visibility;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one raw message from a mailbox shared by one or more partners: stores it raw first, reads
 * it, decides (new ticket, reply, automatic mail, unknown sender) and hands the change to the
 * partner's sink. A message that cannot be taken is parked as a dead letter, never dropped.
 */
final class MailIntake {

  private static final Logger log = LoggerFactory.getLogger(MailIntake.class);

  private final MailParser parser = new MailParser();
  private final MailClassifier classifier = new MailClassifier();

  /** What became of a message: whether it should stay flagged in the mailbox for ops. */
  record Taken(MailVerdict.Outcome outcome, boolean flag, String detail) {}

  /**
   * Reads a message for the partners of a mailbox without storing anything.
   *
   * @throws UnreadableMailException when the bytes are not a mail
   */
  MailVerdict read(byte[] raw, List<EmailPartnerConnector> partners)
      throws UnreadableMailException {
    ParsedMail mail = parser.parse(raw);
    MailClassification kind = classifier.classify(mail);
    if (kind.isAutomatic()) {
      return automatic(mail, kind, partners);
    }
    EmailPartnerConnector partner = sender(mail, partners);
    if (partner == null) {
      return new MailVerdict(
          mail,
          kind,
          null,
          null,
          null,
          MailVerdict.Outcome.UNKNOWN_SENDER,
          "unknown sender "
              + (mail.from() == null ? "(no From)" : mail.from().address())
              + ": no partner of this mailbox names the address or its domain in senders");
    }
    String tooLarge = tooLarge(mail, partner.settings());
    if (tooLarge != null) {
      return new MailVerdict(
          mail, kind, null, partner, null, MailVerdict.Outcome.TOO_LARGE, tooLarge);
    }
    EmailThreading.Evidence threading = EmailThreading.thread(mail, partner.sink());
    if (threading.ticket() == null) {
      return new MailVerdict(
          mail,
          kind,
          null,
          partner,
          threading,
          MailVerdict.Outcome.NEW_TICKET,
          "a new ticket for " + partner.partnerId());
    }
    return new MailVerdict(
        mail,
        kind,
        visibleText(mail),
        partner,
        threading,
        MailVerdict.Outcome.REPLY,
        "a comment on " + threading.ticket());
  }

  /** Stores, reads and applies one message; the first partner of the list owns its raw record. */
  Taken take(byte[] raw, List<EmailPartnerConnector> partners) {
    EmailPartnerConnector owner = partners.get(0);
    InboundSink ownerSink = owner.sink();
    long rawId =
        ownerSink.storeRaw("mail:sha256:" + ContentDigest.sha256Hex(raw), "message/rfc822", raw);
    return apply(rawId, raw, partners, false);
  }

  /**
   * Applies a message already stored as raw input. On a replay of a dead letter, a message that
   * still cannot be taken throws with the reason instead of parking a second dead letter.
   */
  Taken apply(long rawId, byte[] raw, List<EmailPartnerConnector> partners, boolean replay) {
    EmailPartnerConnector owner = partners.get(0);
    long limit = owner.settings().maxMessageBytes();
    if (raw.length > limit) {
      return park(
          replay,
          owner,
          rawId,
          MailVerdict.Outcome.TOO_LARGE,
          "the message is "
              + raw.length
              + " bytes, over the limit of "
              + limit
              + " (maxMessageBytes)");
    }
    MailVerdict verdict;
    try {
      verdict = read(raw, partners);
    } catch (UnreadableMailException e) {
      return park(replay, owner, rawId, null, "unreadable mail: " + e.getMessage());
    }
    String key = sourceKey(verdict.mail(), raw);
    return switch (verdict.outcome()) {
      case AUTOMATIC -> {
        owner.sink().record(rawId, "not applied: " + describe(verdict.classification()));
        yield new Taken(verdict.outcome(), false, verdict.reason());
      }
      case UNKNOWN_SENDER ->
          park(
              replay,
              owner,
              rawId,
              verdict.outcome(),
              "quarantined: "
                  + verdict.reason()
                  + "; add it to a partner's senders and replay, or discard");
      case TOO_LARGE -> park(replay, verdict.partner(), rawId, verdict.outcome(), verdict.reason());
      case REPORT_ON_TICKET -> applied(verdict, replay, rawId, key, reportNote(verdict));
      case REPLY -> applied(verdict, replay, rawId, key, reply(verdict));
      case NEW_TICKET -> open(verdict, rawId, key, replay);
    };
  }

  /** Submits the verdict's change; a refused one was parked and stays flagged in the mailbox. */
  private static Taken applied(
      MailVerdict verdict, boolean replay, long rawId, String key, InboundChange change) {
    boolean parked = submit(replay, verdict.partner(), rawId, key, change) == null;
    return new Taken(verdict.outcome(), parked, parked ? "parked" : verdict.reason());
  }

  private Taken open(MailVerdict verdict, long rawId, String key, boolean replay) {
    ParsedMail mail = verdict.mail();
    EmailPartnerConnector partner = verdict.partner();
    MailAddress from = mail.from();
    TicketDraft draft =
        new TicketDraft(
            null,
            EmailThreading.withoutToken(mail.subject()),
            mail.text().strip(),
            null,
            null,
            null,
            null,
            new Contact(from.name(), mail.replyAddress().address(), null),
            Map.of());
    InboundResult opened =
        submit(replay, partner, rawId, key, new InboundChange.CreateTicket(draft));
    if (opened == null) {
      return new Taken(verdict.outcome(), true, "parked");
    }
    if (!mail.attachments().isEmpty()) {
      // The canonical create carries no files; the opening mail's files follow as its first
      // comment, under a key of their own so a repeat of the mail repeats neither.
      submit(
          replay,
          partner,
          rawId,
          key + "#files",
          new InboundChange.AddComment(
              TicketLocator.ref(opened.ticket()),
              new CommentDraft(
                  from.name(),
                  from.address(),
                  Visibility.PUBLIC,
                  "Files sent with the opening mail",
                  null,
                  null,
                  null,
                  uploads(mail))));
    }
    if (!opened.duplicate()) {
      partner.acknowledge(mail, opened.ticket());
    }
    return new Taken(verdict.outcome(), false, "opened " + opened.ticket());
  }

  private static InboundChange reply(MailVerdict verdict) {
    ParsedMail mail = verdict.mail();
    MailAddress from = mail.from();
    return new InboundChange.AddComment(
        TicketLocator.ref(verdict.threading().ticket()),
        new CommentDraft(
            from.name(),
            from.address(),
            Visibility.PUBLIC,
            verdict.visibleText(),
            null,
            null,
            mail.messageId(),
            uploads(mail)));
  }

  private static InboundChange reportNote(MailVerdict verdict) {
    ParsedMail mail = verdict.mail();
    TicketRef ticket = verdict.threading().ticket();
    String text =
        describe(verdict.classification())
            + "\nFrom: "
            + (mail.from() == null ? "(none)" : mail.from())
            + "\nSubject: "
            + mail.subject()
            + "\n\n"
            + mail.text().strip();
    return new InboundChange.AddComment(
        TicketLocator.ref(ticket),
        new CommentDraft(
            mail.from() == null ? null : mail.from().name(),
            mail.from() == null ? null : mail.from().address(),
            // Public, as the partner's own mail system wrote it: the manufacturer sees in the
            // thread that its answer did not arrive, and the ticket's status does not move.
            Visibility.PUBLIC,
            text,
            null,
            null,
            mail.messageId(),
            List.of()));
  }

  private static List<AttachmentUpload> uploads(ParsedMail mail) {
    List<AttachmentUpload> uploads = new ArrayList<>();
    for (MailAttachment file : mail.attachments()) {
      uploads.add(new AttachmentUpload(file.name(), file.mediaType(), file.content()));
    }
    return uploads;
  }

  private static InboundResult submit(
      boolean replay, EmailPartnerConnector partner, long rawId, String key, InboundChange change) {
    try {
      return partner.sink().submit(rawId, key, change);
    } catch (RuntimeException e) {
      if (replay) {
        throw e;
      }
      // The change itself was refused (the ticket is not the partner's, a field too long): park
      // the mail with the reason rather than poll it again for ever. When the store itself is
      // down, parking fails too, and the message stays unread for the next poll.
      partner.sink().reject(rawId, "the gateway refused the change: " + e.getMessage());
      log.warn("partner {}: mail {} refused: {}", partner.partnerId(), key, e.getMessage());
      return null;
    }
  }

  private static Taken park(
      boolean replay,
      EmailPartnerConnector partner,
      long rawId,
      MailVerdict.Outcome outcome,
      String reason) {
    if (replay) {
      throw new IllegalStateException(reason);
    }
    partner.sink().reject(rawId, reason);
    log.warn("partner {}: mail parked: {}", partner.partnerId(), reason);
    return new Taken(outcome, true, reason);
  }

  private MailVerdict automatic(
      ParsedMail mail, MailClassification kind, List<EmailPartnerConnector> partners) {
    String original = kind.originalMessageId();
    if (original != null && kind.kind() != MailClassification.Kind.AUTO_REPLY) {
      for (EmailPartnerConnector partner : partners) {
        Optional<TicketRef> ticket =
            EmailThreading.ourTicket(original)
                .filter(ref -> partner.sink().sees(ref))
                .or(() -> partner.sink().ticketByMessageId(original));
        if (ticket.isPresent()) {
          return new MailVerdict(
              mail,
              kind,
              null,
              partner,
              new EmailThreading.Evidence(
                  ticket.get(),
                  List.of("the report quotes <" + original + ">, a mail of " + ticket.get())),
              MailVerdict.Outcome.REPORT_ON_TICKET,
              "noted on the thread of " + ticket.get() + "; the ticket is not reopened");
        }
      }
    }
    return new MailVerdict(
        mail,
        kind,
        null,
        null,
        null,
        MailVerdict.Outcome.AUTOMATIC,
        "automatic mail: no ticket, no answer (" + kind.reason() + ")");
  }

  private static EmailPartnerConnector sender(
      ParsedMail mail, List<EmailPartnerConnector> partners) {
    if (mail.from() == null) {
      return null;
    }
    EmailPartnerConnector best = null;
    int bestClaim = 0;
    for (EmailPartnerConnector partner : partners) {
      int claim = partner.settings().claims(mail.from());
      if (claim > bestClaim) {
        best = partner;
        bestClaim = claim;
      }
    }
    return best;
  }

  private static String tooLarge(ParsedMail mail, EmailSettings settings) {
    for (MailAttachment file : mail.attachments()) {
      if (file.size() > settings.maxAttachmentBytes()) {
        return "attachment '"
            + file.name()
            + "' is "
            + file.size()
            + " bytes, over the limit of "
            + settings.maxAttachmentBytes()
            + " (maxAttachmentBytes)";
      }
    }
    return null;
  }

  static String visibleText(ParsedMail mail) {
    String visible =
        !mail.text().isBlank()
            ? VisibleReply.fromText(mail.text())
            : VisibleReply.fromHtml(mail.html());
    return visible == null || visible.isBlank() ? "(empty reply)" : visible;
  }

  private static String describe(MailClassification kind) {
    return switch (kind.kind()) {
          case AUTO_REPLY -> "automatic reply";
          case BOUNCE -> "delivery report";
          case COMPLAINT -> "abuse complaint";
          case PERSONAL -> "personal mail";
        }
        + " ("
        + kind.reason()
        + ")";
  }

  private static String sourceKey(ParsedMail mail, byte[] raw) {
    return mail.messageId() != null
        ? mail.messageId()
        : "mail:sha256:" + ContentDigest.sha256Hex(raw);
  }
}
