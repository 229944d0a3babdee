package io.deskbridge.connector.email;

import java.util.HashMap;
import java.util.Map;
import org.apache.camel.CamelContext;

/** The mailboxes being polled, so partners that share one share its poller. */
final class Mailboxes {

  private final Map<MailboxKey, Mailbox> open = new HashMap<>();

  synchronized Mailbox join(EmailPartnerConnector partner, CamelContext camel) {
    Mailbox mailbox =
        open.computeIfAbsent(partner.settings().mailbox(), key -> new Mailbox(key, camel));
    mailbox.join(partner);
    partner.attach(mailbox);
    return mailbox;
  }

  synchronized void leave(EmailPartnerConnector partner) {
    Mailbox mailbox = partner.mailbox();
    if (mailbox != null && mailbox.leave(partner)) {
      open.values().remove(mailbox);
    }
  }
}
