package io.deskbridge.connector.email;

import io.deskbridge.connector.InboundSink;
import io.deskbridge.ticket.TicketRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the ticket a partner's message belongs to: first by the Message-IDs it answers (ours carry
 * the ticket's reference, the partner's own were recorded when they arrived), then by a {@code
 * [DB-000123]} token in the subject, which counts only for a ticket of the sender's partner.
 */
final class EmailThreading {

  private static final Pattern OUR_ID =
      Pattern.compile("^deskbridge\\.([A-Z][A-Z0-9]*-\\d{6,})\\.");
  private static final Pattern TOKEN = Pattern.compile("\\[([A-Z][A-Z0-9]*-\\d{6,})]");

  /** The ticket found, or null for a new one, and each step that led there, for ops. */
  record Evidence(TicketRef ticket, List<String> steps) {
    Evidence {
      steps = List.copyOf(steps);
    }
  }

  private EmailThreading() {}

  /** The Message-ID of a mail the gateway sends about a ticket. */
  static String messageId(TicketRef ticket, String suffix, String domain) {
    return "deskbridge." + ticket.value() + "." + suffix + "@" + domain;
  }

  /** The ticket one of our own Message-IDs is about, or empty for any other id. */
  static Optional<TicketRef> ourTicket(String messageId) {
    Matcher m = messageId == null ? null : OUR_ID.matcher(messageId);
    return m != null && m.find() ? Optional.of(new TicketRef(m.group(1))) : Optional.empty();
  }

  static Evidence thread(ParsedMail mail, InboundSink sink) {
    List<String> steps = new ArrayList<>();
    List<String> answered = new ArrayList<>();
    if (mail.inReplyTo() != null) {
      answered.add(mail.inReplyTo());
    }
    List<String> references = new ArrayList<>(mail.references());
    for (int i = references.size() - 1; i >= 0; i--) {
      if (!answered.contains(references.get(i))) {
        answered.add(references.get(i));
      }
    }
    for (String id : answered) {
      String header = id.equals(mail.inReplyTo()) ? "In-Reply-To" : "References";
      Optional<TicketRef> ours = ourTicket(id);
      if (ours.isPresent()) {
        if (sink.sees(ours.get())) {
          steps.add(header + " <" + id + "> is our mail about " + ours.get());
          return new Evidence(ours.get(), steps);
        }
        steps.add(header + " <" + id + "> names " + ours.get() + ", not this partner's: ignored");
        continue;
      }
      Optional<TicketRef> known = sink.ticketByMessageId(id);
      if (known.isPresent()) {
        steps.add(header + " <" + id + "> is the partner's earlier mail on " + known.get());
        return new Evidence(known.get(), steps);
      }
      steps.add(header + " <" + id + "> is not a message the gateway has seen");
    }
    Matcher token = TOKEN.matcher(mail.subject());
    while (token.find()) {
      TicketRef ref = new TicketRef(token.group(1));
      if (sink.sees(ref)) {
        steps.add("subject token [" + ref + "] names this partner's ticket");
        return new Evidence(ref, steps);
      }
      steps.add("subject token [" + ref + "] is not a ticket of this partner: ignored");
    }
    steps.add("no known Message-ID and no subject token of this partner: a new ticket");
    return new Evidence(null, steps);
  }

  /** The subject without our token, for a ticket opened by a mail that quoted another ticket. */
  static String withoutToken(String subject) {
    String stripped = TOKEN.matcher(subject).replaceAll("").strip();
    return stripped.isEmpty() ? "(no subject)" : stripped;
  }
}
