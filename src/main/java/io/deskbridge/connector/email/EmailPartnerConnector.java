package io.deskbridge.connector.email;

import io.deskbridge.connector.ConnectorHealth;
import io.deskbridge.connector.DeliveryException;
import io.deskbridge.connector.DeliveryReceipt;
import io.deskbridge.connector.InboundPreview;
import io.deskbridge.connector.InboundReplay;
import io.deskbridge.connector.InboundSink;
import io.deskbridge.connector.OutboundChange;
import io.deskbridge.connector.PartnerConnector;
import io.deskbridge.connector.PartnerContext;
import io.deskbridge.ticket.Attachment;
import io.deskbridge.ticket.Ticket;
import io.deskbridge.ticket.TicketRef;
import jakarta.mail.MessagingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The email connector of one partner: its mail arrives through a shared {@link Mailbox}, and the
 * manufacturer's answers, status changes and new tickets leave by SMTP, threaded and in the
 * partner's language.
 */
final class EmailPartnerConnector implements PartnerConnector, InboundReplay, InboundPreview {

  private static final Logger log = LoggerFactory.getLogger(EmailPartnerConnector.class);
  // The display name of our mail and the author of an answer that names none.
  private static final String SENDER_NAME = "Support";

  private final PartnerContext context;
  private final EmailSettings settings;
  private final SmtpSender smtp;
  private final MailTemplates templates;
  private final AutomaticMailBudget budget;
  private final Mailboxes mailboxes;
  // Acknowledgements leave from a thread of their own, so a slow SMTP server never holds up the
  // mailbox; the ticket is stored before one is queued, and the queue is bounded by the daily cap.
  private final ExecutorService acknowledgements;
  private Mailbox mailbox;

  EmailPartnerConnector(
      PartnerContext context,
      EmailSettings settings,
      MailTemplates templates,
      Mailboxes mailboxes) {
    this.context = context;
    this.settings = settings;
    this.smtp = new SmtpSender(settings.smtp());
    this.templates = templates;
    this.budget =
        new AutomaticMailBudget(context.state(), context.clock(), settings.autoMailDailyCap());
    this.mailboxes = mailboxes;
    this.acknowledgements =
        Executors.newSingleThreadExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, context.partnerId() + "-acknowledgements");
              thread.setDaemon(true);
              return thread;
            });
  }

  void attach(Mailbox mailbox) {
    this.mailbox = mailbox;
  }

  String partnerId() {
    return context.partnerId();
  }

  EmailSettings settings() {
    return settings;
  }

  InboundSink sink() {
    return context.inbound();
  }

  Mailbox mailbox() {
    return mailbox;
  }

  @Override
  public DeliveryReceipt deliver(OutboundChange change) throws DeliveryException {
    String template =
        switch (change.event().type()) {
          case COMMENTED ->
              change.comment() != null && change.comment().isPublic() ? "comment" : null;
          case STATUS_CHANGED -> "status";
          case CREATED -> "opened";
          default -> null;
        };
    if (template == null) {
      return DeliveryReceipt.NONE;
    }
    Ticket ticket = change.ticket();
    List<String> to = recipients(ticket);
    if (to.isEmpty()) {
      throw DeliveryException.permanent(
          "no address to mail "
              + ticket.ref()
              + " to: the ticket has no requester address"
              + " and the partner's notify setting is empty");
    }
    String text =
        change.comment() != null
            ? change.comment().text()
            : ticket.description() == null ? "" : ticket.description();
    MailTemplates.Rendered content =
        templates.render(
            settings.language(),
            template,
            Map.of(
                "ref",
                ticket.ref().value(),
                "subject",
                ticket.subject() == null ? ticket.ref().value() : ticket.subject(),
                "text",
                text,
                "author",
                authorOf(change),
                "status",
                ticket.status() == null
                    ? ""
                    : templates.statusName(settings.language(), ticket.status().name())));
    String messageId = EmailThreading.messageId(ticket.ref(), "c" + change.changeId(), domain());
    String thread = EmailThreading.messageId(ticket.ref(), "opened", domain());
    // Chained to the partner's latest mail on the ticket, after the one that opened it and our
    // acknowledgement, so the partner's client shows one conversation.
    List<String> partnerMail = sink().messageIds(ticket.ref());
    List<String> references = new ArrayList<>();
    if (!partnerMail.isEmpty()) {
      references.add(partnerMail.get(0));
    }
    references.add(thread);
    if (partnerMail.size() > 1) {
      references.add(partnerMail.get(partnerMail.size() - 1));
    }
    String inReplyTo = partnerMail.isEmpty() ? thread : partnerMail.get(partnerMail.size() - 1);
    OutgoingMail mail =
        new OutgoingMail(
            settings.address(),
            SENDER_NAME,
            to,
            content,
            messageId,
            inReplyTo,
            references,
            false,
            files(change),
            context.clock().instant());
    send(mail);
    return new DeliveryReceipt(null, messageId);
  }

  /** Answers a mail that opened a ticket with its reference, within the daily automatic budget. */
  void acknowledge(ParsedMail mail, TicketRef ticket) {
    MailAddress to = mail.replyAddress();
    if (!settings.acknowledge() || to == null || to.address().isEmpty()) {
      return;
    }
    if (!budget.take(to.address())) {
      log.warn(
          "partner {}: no acknowledgement of {} to {}: today's automatic-mail cap of {} is spent",
          partnerId(),
          ticket,
          to.address(),
          settings.autoMailDailyCap());
      return;
    }
    String name =
        mail.from() != null && mail.from().name() != null ? mail.from().name() : to.address();
    MailTemplates.Rendered content =
        templates.render(
            settings.language(),
            "acknowledgement",
            Map.of(
                "ref", ticket.value(),
                "subject", EmailThreading.withoutToken(mail.subject()),
                "name", name));
    String id = EmailThreading.messageId(ticket, "opened", domain());
    List<String> references = new ArrayList<>(mail.references());
    if (mail.messageId() != null) {
      references.add(mail.messageId());
    }
    OutgoingMail acknowledgement =
        new OutgoingMail(
            settings.address(),
            SENDER_NAME,
            List.of(to.address()),
            content,
            id,
            mail.messageId(),
            references,
            true,
            List.of(),
            context.clock().instant());
    acknowledgements.execute(
        () -> {
          try {
            send(acknowledgement);
          } catch (DeliveryException e) {
            // The ticket is open either way; the partner still gets every later answer.
            log.warn(
                "partner {}: acknowledgement of {} not sent: {}",
                partnerId(),
                ticket,
                e.getMessage());
          }
        });
  }

  private void send(OutgoingMail mail) throws DeliveryException {
    try {
      smtp.send(mail.toMime(smtp.session()));
    } catch (MessagingException e) {
      throw DeliveryException.permanent("the mail could not be built: " + e.getMessage());
    }
  }

  private List<String> recipients(Ticket ticket) {
    if (ticket.requester() != null
        && ticket.requester().email() != null
        && !ticket.requester().email().isBlank()) {
      return List.of(ticket.requester().email());
    }
    return settings.notifyAddresses();
  }

  private static String authorOf(OutboundChange change) {
    if (change.comment() != null && change.comment().authorName() != null) {
      return change.comment().authorName();
    }
    return SENDER_NAME;
  }

  private List<OutgoingMail.File> files(OutboundChange change) {
    List<OutgoingMail.File> files = new ArrayList<>();
    if (change.comment() != null) {
      for (Attachment attachment : change.comment().attachments()) {
        files.add(
            new OutgoingMail.File(
                attachment.name(), attachment.mediaType(), context.attachments().read(attachment)));
      }
    }
    return files;
  }

  private String domain() {
    return settings.address().domain();
  }

  @Override
  public ConnectorHealth check() {
    if (mailbox == null) {
      return ConnectorHealth.down("no mailbox");
    }
    String problem = mailbox.problem();
    return problem != null ? ConnectorHealth.down(problem) : ConnectorHealth.up(mailbox.health());
  }

  @Override
  public void replay(long rawInputId, String sourceKey, String mediaType, byte[] body) {
    mailbox.intake().apply(rawInputId, body, mailbox.partners(), true);
  }

  @Override
  public Map<String, Object> preview(byte[] raw) {
    return MailPreview.of(raw, mailbox == null ? List.of(this) : mailbox.partners());
  }

  @Override
  public void close() {
    mailboxes.leave(this);
    acknowledgements.shutdown();
    smtp.disconnect();
  }
}
