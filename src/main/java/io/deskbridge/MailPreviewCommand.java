package io.deskbridge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.deskbridge.config.ConfigDirectory;
import io.deskbridge.config.ConfigurationException;
import io.deskbridge.config.SecretReferences;
import io.deskbridge.connector.ConnectorKinds;
import io.deskbridge.connector.InboundChange;
import io.deskbridge.connector.InboundResult;
import io.deskbridge.connector.InboundSink;
import io.deskbridge.connector.PartnerContext;
import io.deskbridge.connector.PartnerRecords;
import io.deskbridge.connector.email.EmailConnectorKind;
import io.deskbridge.partner.Partner;
import io.deskbridge.ticket.TicketRef;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code mail-preview FILE.eml [--partner ID]}: what the gateway would make of one raw message,
 * read against the configured email partners, without a running gateway, a mailbox or the store.
 */
final class MailPreviewCommand {

  private MailPreviewCommand() {}

  static int run(String[] args, PrintStream out, PrintStream err) {
    String file = DeskBridgeApplication.lastPlainArgument(args);
    String only = DeskBridgeApplication.option(args, "--partner");
    if (file == null) {
      err.println("usage: mail-preview FILE.eml [--partner ID] [--config-dir DIR]");
      return 2;
    }
    byte[] raw;
    try {
      raw = Files.readAllBytes(Path.of(file));
    } catch (IOException e) {
      err.println(file + ": cannot be read: " + e.getMessage());
      return 1;
    }
    ConnectorKinds kinds = ConnectorKinds.discover();
    GatewayConfiguration configuration;
    try {
      configuration =
          new GatewayConfigurationLoader(kinds, SecretReferences.unread())
              .load(new ConfigDirectory(DeskBridgeApplication.configDir(args)));
    } catch (ConfigurationException e) {
      e.problems().forEach(err::println);
      return 1;
    }
    List<Partner> readers =
        configuration.partners().stream()
            .filter(p -> p.connector().equals("email"))
            .filter(p -> only == null || p.id().equals(only))
            .toList();
    if (readers.isEmpty()) {
      err.println(
          only == null ? "no email partner is configured" : "no email partner '" + only + "'");
      return 1;
    }
    EmailConnectorKind kind = (EmailConnectorKind) kinds.find("email").orElseThrow();
    List<PartnerContext> contexts =
        readers.stream()
            .map(
                p ->
                    new PartnerContext(
                        p.id(),
                        p.name(),
                        p.settings(),
                        new StorelessSink(),
                        PartnerRecords.none(),
                        null,
                        null,
                        null,
                        Clock.systemUTC(),
                        null))
            .toList();
    Map<String, Object> preview = new LinkedHashMap<>(kind.preview(raw, contexts));
    preview.put(
        "store",
        "not consulted: a subject token is taken as the partner's ticket and earlier Message-IDs"
            + " are unknown; POST /api/v1/mail/preview on the running gateway checks both");
    try {
      out.println(
          new ObjectMapper()
              .enable(SerializationFeature.INDENT_OUTPUT)
              .writeValueAsString(preview));
    } catch (IOException e) {
      err.println("the preview cannot be written: " + e.getMessage());
      return 1;
    }
    return 0;
  }

  /** Answers lookups without a store: no earlier message is known, every reference is taken. */
  private static final class StorelessSink implements InboundSink {
    @Override
    public long storeRaw(String sourceKey, String mediaType, byte[] body) {
      throw new UnsupportedOperationException("a preview stores nothing");
    }

    @Override
    public InboundResult submit(long rawInputId, String sourceKey, InboundChange change) {
      throw new UnsupportedOperationException("a preview applies nothing");
    }

    @Override
    public void reject(long rawInputId, String reason) {
      throw new UnsupportedOperationException("a preview parks nothing");
    }

    @Override
    public void record(long rawInputId, String outcome) {
      throw new UnsupportedOperationException("a preview records nothing");
    }

    @Override
    public Optional<TicketRef> ticketByMessageId(String messageId) {
      return Optional.empty();
    }

    @Override
    public Optional<TicketRef> ticketByExternalId(String externalId) {
      return Optional.empty();
    }

    @Override
    public List<String> messageIds(TicketRef ticket) {
      return List.of();
    }

    @Override
    public boolean sees(TicketRef ticket) {
      return true;
    }
  }
}
