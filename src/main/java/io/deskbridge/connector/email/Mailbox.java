package io.deskbridge.connector.email;

import jakarta.mail.MessagingException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
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
  private volatile String routeId;
  private MailboxPoller poller;
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
      poller.close();
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

  /** What the last poll ran into, or null when it went well. */
  String problem() {
    String problem = lastProblem;
    return problem == null ? null : "mailbox " + key + ": " + problem;
  }

  String health() {
    return "mailbox " + key + " polled, " + taken + " messages taken";
  }

  /** Makes what the partners' sinks were handed survive a crash; one store serves them all. */
  private void sync() {
    partners().stream().findFirst().ifPresent(p -> p.sink().sync());
  }

  /** Takes one message, as the poller does; what it says is what happened. */
  MailIntake.Taken take(byte[] raw) {
    return intake.take(raw, partners());
  }

  private void start(EmailSettings settings) {
    String id = partners.firstKey() + "-mailbox";
    MailboxPoller poller = new MailboxPoller(settings);
    try {
      camel.addRoutes(
          new RouteBuilder() {
            @Override
            public void configure() {
              from("timer:"
                      + id
                      + "?delay=0&period="
                      + Math.max(1, settings.pollInterval().toMillis()))
                  .routeId(id)
                  .process(exchange -> poll(poller));
            }
          });
      routeId = id;
      this.poller = poller;
      log.info("mailbox {}: polling every {}", key, settings.pollInterval());
    } catch (Exception e) {
      throw new IllegalStateException("mailbox " + key + " cannot be polled: " + e.getMessage(), e);
    }
  }

  private void poll(MailboxPoller poller) {
    try {
      // Again at once while there was mail, so a backlog drains without waiting a poll interval
      // between batches.
      int count;
      do {
        count = poller.poll(raw -> take(raw).flag(), this::sync);
        taken += count;
        lastProblem = null;
      } while (count > 0 && routeId != null);
    } catch (MessagingException | IOException e) {
      // The server is unreachable or refused us: report it and try again at the next poll.
      poller.disconnect();
      String problem = "poll failed: " + e.getMessage();
      if (!problem.equals(lastProblem)) {
        log.warn("mailbox {}: {}", key, problem);
      }
      lastProblem = problem;
    }
  }
}
