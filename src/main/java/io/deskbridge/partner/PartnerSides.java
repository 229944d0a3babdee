package io.deskbridge.partner;

import io.deskbridge.connector.AttachmentContents;
import io.deskbridge.connector.ConnectorState;
import io.deskbridge.connector.InboundSink;
import io.deskbridge.connector.PartnerRecords;
import io.deskbridge.intake.Intake;
import io.deskbridge.intake.RawInputStore;
import io.deskbridge.intake.SideInbound;
import io.deskbridge.intake.SideTickets;
import io.deskbridge.outbox.DeadLetterStore;
import io.deskbridge.ticket.AttachmentStore;
import io.deskbridge.ticket.Side;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;

/** Makes what a partner's connector gets of its own side: where its input goes, and its state. */
public final class PartnerSides {

  private final Intake intake;
  private final RawInputStore rawInputs;
  private final DeadLetterStore deadLetters;
  private final SideTickets tickets;
  private final NamedParameterJdbcOperations jdbc;
  private final AttachmentStore attachmentStore;
  private final PartnerMappings mappings;
  private final Path dataDir;
  private final Clock clock;

  public PartnerSides(
      Intake intake,
      RawInputStore rawInputs,
      DeadLetterStore deadLetters,
      SideTickets tickets,
      NamedParameterJdbcOperations jdbc,
      AttachmentStore attachmentStore,
      PartnerMappings mappings,
      Path dataDir,
      Clock clock) {
    this.mappings = mappings;
    this.dataDir = dataDir;
    this.attachmentStore = attachmentStore;
    this.intake = intake;
    this.rawInputs = rawInputs;
    this.deadLetters = deadLetters;
    this.tickets = tickets;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public InboundSink inbound(String partnerId) {
    return new SideInbound(Side.partner(partnerId), intake, rawInputs, deadLetters, tickets, clock);
  }

  public ConnectorState state(String partnerId) {
    return new StoredConnectorState(jdbc, partnerId, clock);
  }

  /** The partner's own folder under the data directory, for its connector's files. */
  public Path workDir(String partnerId) {
    return dataDir.resolve("connectors").resolve(partnerId);
  }

  public PartnerRecords records(String partnerId) {
    return new MappedPartnerRecords(partnerId, () -> mappings.forPartner(partnerId));
  }

  public AttachmentContents attachments() {
    return attachment -> attachmentStore.content(attachment.sha256());
  }

  public RawInputStore rawInputs() {
    return rawInputs;
  }

  public Clock clock() {
    return clock;
  }
}
