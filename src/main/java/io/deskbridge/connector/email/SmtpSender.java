package io.deskbridge.connector.email;

import io.deskbridge.connector.DeliveryException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;

/** Sends the gateway's mail through one SMTP server with Jakarta Mail. */
final class SmtpSender {

  private final EmailSettings.MailServer server;
  private final Session session;
  private Transport transport;

  SmtpSender(EmailSettings.MailServer server) {
    this.server = server;
    Properties props = new Properties();
    props.put("mail.transport.protocol", "smtp");
    props.put("mail.smtp.host", server.host());
    props.put("mail.smtp.port", String.valueOf(server.port()));
    props.put("mail.smtp.auth", String.valueOf(server.username() != null));
    props.put("mail.smtp.connectiontimeout", "10000");
    props.put("mail.smtp.timeout", "30000");
    props.put("mail.smtp.writetimeout", "30000");
    switch (server.security()) {
      case TLS -> props.put("mail.smtp.ssl.enable", "true");
      case STARTTLS -> {
        props.put("mail.smtp.starttls.enable", "true");
        props.put("mail.smtp.starttls.required", "true");
      }
      case NONE -> {}
    }
    this.session = Session.getInstance(props);
  }

  Session session() {
    return session;
  }

  /**
   * Hands a message to the server, over a connection kept open between messages; a connection the
   * server has closed meanwhile is opened again once.
   *
   * @throws DeliveryException permanent when the server refused every recipient, else transient
   */
  synchronized void send(MimeMessage message) throws DeliveryException {
    try {
      message.saveChanges();
      try {
        connected().sendMessage(message, message.getAllRecipients());
      } catch (SendFailedException refused) {
        throw refused;
      } catch (MessagingException stale) {
        // A kept connection the server has dropped meanwhile: open a new one, once.
        disconnect();
        connected().sendMessage(message, message.getAllRecipients());
      }
    } catch (SendFailedException e) {
      boolean noneSent = e.getValidSentAddresses() == null || e.getValidSentAddresses().length == 0;
      if (noneSent && e.getInvalidAddresses() != null && e.getInvalidAddresses().length > 0) {
        throw DeliveryException.permanent(
            "the SMTP server refused the recipients: " + e.getMessage());
      }
      throw DeliveryException.transientFailure("SMTP send failed: " + e.getMessage(), e);
    } catch (MessagingException e) {
      disconnect();
      throw DeliveryException.transientFailure(
          "SMTP server " + server.host() + ":" + server.port() + " failed: " + e.getMessage(), e);
    }
  }

  private Transport connected() throws MessagingException {
    if (transport == null || !transport.isConnected()) {
      transport = session.getTransport("smtp");
      if (server.username() != null) {
        transport.connect(server.host(), server.port(), server.username(), server.password());
      } else {
        transport.connect();
      }
    }
    return transport;
  }

  synchronized void disconnect() {
    if (transport != null) {
      try {
        transport.close();
      } catch (MessagingException e) {
        // the connection is being dropped anyway
      }
      transport = null;
    }
  }
}
