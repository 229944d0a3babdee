package io.deskbridge.partner;

import io.deskbridge.connector.ConnectorHealth;
import io.deskbridge.connector.ConnectorKind;
import io.deskbridge.connector.ConnectorKinds;
import io.deskbridge.connector.InboundReplay;
import io.deskbridge.connector.PartnerConnector;
import io.deskbridge.connector.PartnerContext;
import io.deskbridge.outbox.DeadLetter;
import io.deskbridge.outbox.DeliveryTargets;
import io.deskbridge.outbox.IntakeReplayer;
import io.deskbridge.queue.BuiltInQueues;
import io.deskbridge.ticket.Side;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens one connector per configured partner and the manufacturer's built-in queues, and hands the
 * dispatcher the connector of each destination. A partner whose connector fails to open is reported
 * down; the others run on.
 */
public class ConnectorRuntime implements DeliveryTargets, IntakeReplayer, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ConnectorRuntime.class);

  private final ConnectorKinds kinds;
  private final PartnerDirectory partners;
  private final PartnerSides sides;
  private final CamelContext camel;
  private final PartnerConnector manufacturer = new BuiltInQueues();
  private final Map<String, PartnerConnector> open = new ConcurrentHashMap<>();
  private final Map<String, Partner> openedFor = new ConcurrentHashMap<>();
  private final Map<String, String> failures = new ConcurrentHashMap<>();

  public ConnectorRuntime(
      ConnectorKinds kinds, PartnerDirectory partners, PartnerSides sides, CamelContext camel) {
    this.kinds = kinds;
    this.partners = partners;
    this.sides = sides;
    this.camel = camel;
  }

  /** Opens the connector of every partner in the directory. */
  public void start() {
    partners.all().forEach(this::open);
  }

  /**
   * Brings the running connectors in line with a new set of partners: a partner whose kind or
   * settings changed gets its connector closed and opened again, a removed partner's connector is
   * closed, a new partner's opened. The others keep running untouched.
   */
  public synchronized void reconcile(java.util.Collection<Partner> next) {
    Map<String, Partner> byId = new java.util.HashMap<>();
    next.forEach(p -> byId.put(p.id(), p));
    for (String id : new java.util.ArrayList<>(openedFor.keySet())) {
      Partner now = byId.get(id);
      Partner before = openedFor.get(id);
      if (now == null
          || !now.connector().equals(before.connector())
          || !now.settings().equals(before.settings())) {
        closeOne(id);
      }
    }
    for (Partner partner : next) {
      if (!openedFor.containsKey(partner.id())) {
        open(partner);
      }
    }
  }

  private void closeOne(String id) {
    PartnerConnector connector = open.remove(id);
    openedFor.remove(id);
    failures.remove(id);
    if (connector != null) {
      try {
        connector.close();
      } catch (Exception e) {
        log.warn("partner {}: connector did not close cleanly: {}", id, e.toString());
      }
    }
  }

  private void open(Partner partner) {
    ConnectorKind kind = kinds.find(partner.connector()).orElseThrow();
    openedFor.put(partner.id(), partner);
    try {
      open.put(
          partner.id(),
          kind.open(
              new PartnerContext(
                  partner.id(),
                  partner.name(),
                  partner.settings(),
                  sides.inbound(partner.id()),
                  sides.records(partner.id()),
                  sides.state(partner.id()),
                  sides.attachments(),
                  camel,
                  sides.clock(),
                  sides.workDir(partner.id()))));
      failures.remove(partner.id());
      log.info("partner {} connected through {}", partner.id(), kind.id());
    } catch (RuntimeException e) {
      failures.put(partner.id(), e.getMessage() == null ? e.toString() : e.getMessage());
      log.error(
          "partner {}: connector {} failed to open: {}", partner.id(), kind.id(), e.toString());
    }
  }

  @Override
  public Optional<PartnerConnector> connectorFor(String destination) {
    if (Side.MANUFACTURER_ID.equals(destination)) {
      return Optional.of(manufacturer);
    }
    return Optional.ofNullable(open.get(destination));
  }

  /** The manufacturer works in the built-in queues, which read the store itself. */
  @Override
  public Collection<String> workingInTheStore() {
    return List.of(Side.MANUFACTURER_ID);
  }

  /** The health a partner's connector reports, or why it is not running. */
  public ConnectorHealth health(String partnerId) {
    String failure = failures.get(partnerId);
    if (failure != null) {
      return ConnectorHealth.down("failed to open: " + failure);
    }
    PartnerConnector connector = open.get(partnerId);
    if (connector == null) {
      return ConnectorHealth.down("not running");
    }
    try {
      return connector.check();
    } catch (RuntimeException e) {
      return ConnectorHealth.down("check failed: " + e.getMessage());
    }
  }

  @Override
  public boolean replay(DeadLetter deadLetter) {
    PartnerConnector connector = open.get(deadLetter.side());
    if (!(connector instanceof InboundReplay replay) || deadLetter.rawInputId() == null) {
      return false;
    }
    var raw = sides.rawInputs().find(deadLetter.rawInputId()).orElse(null);
    if (raw == null) {
      return false;
    }
    replay.replay(raw.id(), raw.sourceKey(), raw.mediaType(), raw.body());
    return true;
  }

  @Override
  public void close() {
    open.forEach(
        (id, connector) -> {
          try {
            connector.close();
          } catch (Exception e) {
            log.warn("partner {}: connector did not close cleanly: {}", id, e.toString());
          }
        });
    open.clear();
  }
}
