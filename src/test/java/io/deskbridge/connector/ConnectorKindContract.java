package io.deskbridge.connector;

import static org.assertj.core.api.Assertions.assertThat;

import io.deskbridge.support.MemoryConnectorState;
import io.deskbridge.ticket.Contact;
import io.deskbridge.ticket.EventType;
import io.deskbridge.ticket.Priority;
import io.deskbridge.ticket.Product;
import io.deskbridge.ticket.Side;
import io.deskbridge.ticket.Site;
import io.deskbridge.ticket.Status;
import io.deskbridge.ticket.Ticket;
import io.deskbridge.ticket.TicketEvent;
import io.deskbridge.ticket.TicketRef;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every connector kind promises, whatever system it speaks to. Each kind's test subclasses
 * this and supplies the kind, settings that are valid for it, and a change it can deliver; the
 * kind's own round trip against a real or recorded server is tested beside it.
 */
public abstract class ConnectorKindContract {

  /** The kind under test, as the runtime would create it. */
  protected abstract ConnectorKind kind();

  /** Settings with which the kind opens and works (pointing at a test server if it needs one). */
  protected abstract Map<String, Object> validSettings();

  /** The partner's own folder, fresh for every test. */
  @TempDir protected Path workDir;

  /** The inputs the kind handed to the runtime, in order. */
  protected final List<String> submitted = new ArrayList<>();

  /** An inbound sink that keeps what it is given, standing in for the runtime the kind talks to. */
  protected InboundSink recordingSink() {
    return new InboundSink() {
      private long next = 1;

      @Override
      public long storeRaw(String sourceKey, String mediaType, byte[] body) {
        submitted.add("raw:" + sourceKey);
        return next++;
      }

      @Override
      public InboundResult submit(long rawInputId, String sourceKey, InboundChange change) {
        submitted.add("change:" + sourceKey);
        return new InboundResult(new TicketRef("DB-000001"), null, false);
      }

      @Override
      public void reject(long rawInputId, String reason) {
        submitted.add("rejected:" + rawInputId + ":" + reason);
      }

      @Override
      public void record(long rawInputId, String outcome) {
        submitted.add("recorded:" + rawInputId + ":" + outcome);
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
        return false;
      }
    };
  }

  protected PartnerContext context(Map<String, Object> settings) {
    return new PartnerContext(
        "contract-partner",
        "Contract Partner",
        new ConnectorSettings(settings),
        recordingSink(),
        PartnerRecords.none(),
        new MemoryConnectorState(),
        attachment -> new byte[0],
        new DefaultCamelContext(),
        Clock.systemUTC(),
        workDir);
  }

  /** A public status change of a partner's ticket, as the dispatcher would hand it over. */
  protected OutboundChange statusChange(long changeId) {
    Instant now = Instant.parse("2026-01-31T08:00:00Z");
    Ticket ticket =
        new Ticket(
            1,
            new TicketRef("DB-000001"),
            "contract-partner",
            "P-1",
            "Panel in fault",
            "Earth fault on loop 2",
            Status.WAITING_ON_PARTNER,
            Priority.HIGH,
            "fault",
            new Product("FP-2000", "SN-1", "3.2.1"),
            new Site("Riverside Mall", "12 River Road"),
            new Contact("Jane Doe", "jane@partner.example", null),
            null,
            null,
            null,
            null,
            Map.of(),
            now,
            now,
            null,
            null,
            2);
    TicketEvent event =
        new TicketEvent(
            changeId,
            1,
            EventType.STATUS_CHANGED,
            Side.MANUFACTURER,
            "api:1",
            now,
            Map.of("from", "OPEN", "to", "WAITING_ON_PARTNER"));
    return new OutboundChange(
        changeId,
        "contract-partner",
        event,
        ticket.forPartner(),
        null,
        "P-1",
        Map.of("status", "pending"));
  }

  @Test
  void kindIdIsALowerCaseWordThatPartnerFilesCanName() {
    assertThat(kind().id()).matches("[a-z][a-z0-9-]*");
    assertThat(kind().description()).isNotBlank();
  }

  @Test
  void kindIsFoundByTheRuntime() {
    assertThat(ConnectorKinds.discover().find(kind().id())).isPresent();
  }

  @Test
  void everySettingIsDeclaredOnceWithADescription() {
    Set<String> names = new HashSet<>();
    for (SettingDefinition setting : kind().settings()) {
      assertThat(names.add(setting.name())).as("declared once: " + setting.name()).isTrue();
      assertThat(setting.description()).as(setting.name()).isNotBlank();
      assertThat(setting.required() && setting.defaultValue() != null)
          .as(setting.name() + " is required or has a default, not both")
          .isFalse();
    }
  }

  @Test
  void validSettingsPassValidation() {
    assertThat(kind().validate(new ConnectorSettings(validSettings()))).isEmpty();
  }

  @Test
  void unknownSettingIsReportedByItsName() {
    Map<String, Object> settings = new HashMap<>(validSettings());
    settings.put("no-such-setting", "x");

    List<SettingProblem> problems = kind().validate(new ConnectorSettings(settings));

    assertThat(problems).extracting(SettingProblem::setting).contains("no-such-setting");
  }

  @Test
  void everyMissingRequiredSettingIsReportedAtOnce() {
    Set<String> required =
        kind().settings().stream()
            .filter(SettingDefinition::required)
            .map(SettingDefinition::name)
            .collect(Collectors.toSet());

    List<SettingProblem> problems = kind().validate(ConnectorSettings.none());

    assertThat(problems.stream().map(SettingProblem::setting).collect(Collectors.toSet()))
        .containsAll(required);
  }

  @Test
  void settingValuesNeverShowInText() {
    Map<String, Object> settings = new HashMap<>(validSettings());
    settings.put("password", "hunter2-secret");

    assertThat(new ConnectorSettings(settings).toString()).doesNotContain("hunter2-secret");
  }

  @Test
  void openedConnectorReportsItsHealth() throws Exception {
    try (PartnerConnector connector = kind().open(context(validSettings()))) {
      ConnectorHealth health = connector.check();
      assertThat(health).isNotNull();
      assertThat(health.detail()).isNotBlank();
    }
  }

  @Test
  void deliveringTheSameChangeTwiceIsHarmless() throws Exception {
    try (PartnerConnector connector = kind().open(context(validSettings()))) {
      OutboundChange change = statusChange(41);

      DeliveryReceipt first = connector.deliver(change);
      DeliveryReceipt second = connector.deliver(change);

      assertThat(second).isEqualTo(first);
    }
  }
}
