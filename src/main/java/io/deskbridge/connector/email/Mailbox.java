package io.deskbridge.connector.email;

import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentSkipListMap;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mail.MailEndpoint;
import org.apache.camel.component.mail.MailMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One polled IMAP mailbox and the partners whose mail arrives in it. One Camel route polls it
 * however many partners share it; each message goes to the partner its sender belongs to. A message
 * that could not be taken stays in the mailbox, flagged, and marked seen so it is not taken again.
 */
final class Mailbox {

  private static final Logger log = LoggerFactory.getLogger(Mailbox.class);

  private final MailboxKey key;
  private final CamelContext camel;
  private final MailIntake intake = new MailIntake();
  // Sorted by partner id, so the owner of raw records is the same on every instance.
  private final ConcurrentSkipListMap<String, EmailPartnerConnector> partners =
      new ConcurrentSkipListMap<>();
  private String routeId;
  private volatile String lastProblem;
  private volatile long taken;

  Mailbox(MailboxKey key, CamelContext camel) {
    this.key = key;
    this.camel = camel;
  }

  synchronized void join(EmailPartnerConnector partner) {
    partners.put(partner.partnerId(), partner);
    if (routeId == null) {
      start(partner.settings());
    }
  }

  /** Removes a partner; true when the mailbox has none left and its poller stopped. */
  synchronized boolean leave(EmailPartnerConnector partner) {
    partners.remove(partner.partnerId(), partner);
    if (partners.isEmpty() && routeId != null) {
      try {
        camel.getRouteController().stopRoute(routeId);
        camel.removeRoute(routeId);
      } catch (Exception e) {
        log.warn("mailbox {}: poller did not stop cleanly: {}", key, e.toString());
      }
      routeId = null;
      return true;
    }
    return false;
  }

  List<EmailPartnerConnector> partners() {
    return List.copyOf(partners.values());
  }

  MailIntake intake() {
    return intake;
  }

  String health() {
    String problem = lastProblem;
    return problem != null
        ? "mailbox " + key + ": " + problem
        : "mailbox " + key + " polled, " + taken + " messages taken";
  }

  /** Takes one message, as the poller does; what it says is what happened. */
  MailIntake.Taken take(byte[] raw) {
    return intake.take(raw, partners());
  }

  private void start(EmailSettings settings) {
    String id = partners.firstKey() + "-mailbox";
    String scheme = settings.imap().security() == EmailSettings.Security.TLS ? "imaps" : "imap";
    String uri =
        scheme
            + "://"
            + settings.imap().host()
            + ":"
            + settings.imap().port()
            + "?username="
            + settings.imap().username()
            + "&folderName="
            + settings.folder();
    try {
      MailEndpoint endpoint = camel.getEndpoint(uri, MailEndpoint.class);
      var config = endpoint.getConfiguration();
      // Set here rather than in the URI, so the password never appears in a route description.
      config.setPassword(settings.imap().password());
      config.setUnseen(true);
      config.setPeek(true);
      config.setMapMailMessage(false);
      config.setDelete(settings.processed() == EmailSettings.Processed.DELETE);
      if (settings.processed() == EmailSettings.Processed.MOVE) {
        config.setMoveTo(settings.processedFolder());
      }
      config.setConnectionTimeout(10_000);
      if (settings.imap().security() == EmailSettings.Security.STARTTLS) {
        Properties props = new Properties();
        props.put("mail.imap.starttls.enable", "true");
        props.put("mail.imap.starttls.required", "true");
        config.setAdditionalJavaMailProperties(props);
      }
      endpoint.setDelay(settings.pollInterval().toMillis());
      endpoint.setInitialDelay(0);
      endpoint.setMaxMessagesPerPoll(500);
      camel.addRoutes(
          new RouteBuilder() {
            @Override
            public void configure() {
              from(endpoint).routeId(id).process(Mailbox.this::onMessage);
            }
          });
      routeId = id;
      log.info("mailbox {}: polling every {}", key, settings.pollInterval());
    } catch (Exception e) {
      throw new IllegalStateException("mailbox " + key + " cannot be polled: " + e.getMessage(), e);
    }
  }

  private void onMessage(Exchange exchange) throws MessagingException, IOException {
    jakarta.mail.Message message = exchange.getIn(MailMessage.class).getOriginalMessage();
    ByteArrayOutputStream raw = new ByteArrayOutputStream(Math.max(1024, message.getSize()));
    message.writeTo(raw);
    MailIntake.Taken result = take(raw.toByteArray());
    taken++;
    lastProblem = null;
    if (result.flag()) {
      message.setFlag(Flags.Flag.FLAGGED, true);
    }
  }
}
