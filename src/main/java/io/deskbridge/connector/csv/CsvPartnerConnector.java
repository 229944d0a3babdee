package io.deskbridge.connector.csv;

import io.deskbridge.connector.ConnectorHealth;
import io.deskbridge.connector.DeliveryException;
import io.deskbridge.connector.DeliveryReceipt;
import io.deskbridge.connector.InboundReplay;
import io.deskbridge.connector.OutboundChange;
import io.deskbridge.connector.PartnerConnector;
import io.deskbridge.connector.PartnerContext;
import java.nio.file.Path;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The csv connector of one partner: a route watches its inbox and reads every complete file into
 * tickets and comments, a row that was parked can be replayed once the mapping is fixed, and the
 * manufacturer's changes are written to its outbox when it has one.
 */
final class CsvPartnerConnector implements PartnerConnector, InboundReplay {

  private static final Logger log = LoggerFactory.getLogger(CsvPartnerConnector.class);

  private final PartnerContext context;
  private final CsvSettings settings;
  private final CsvImport importer;
  private final InboxReader reader;
  private final String routeId;
  private final CsvExport export;
  private ProducerTemplate producer;

  CsvPartnerConnector(PartnerContext context, CsvSettings settings) {
    this.context = context;
    this.settings = settings;
    this.routeId = context.partnerId() + "-csv-inbox";
    Path work = context.workDir();
    this.importer =
        new CsvImport(
            context.partnerId(),
            context.inbound(),
            context.records(),
            context.state(),
            settings,
            work.resolve("reports"));
    this.export =
        CsvExport.open(
                context.partnerId(),
                context.settings(),
                context.state(),
                context.camel(),
                context.clock(),
                work)
            .orElse(null);
    this.reader =
        new InboxReader(
            context.partnerId(),
            settings,
            importer,
            (report, name) ->
                producer()
                    .sendBodyAndHeader(
                        InboxRoute.sftpUri(settings.inbox()),
                        report.toFile(),
                        Exchange.FILE_NAME,
                        name));
  }

  /** Starts watching the inbox. */
  void start() {
    try {
      context.camel().addRoutes(new InboxRoute(routeId, settings, context.workDir(), reader));
      log.info(
          "partner {}: watching {} every {}",
          context.partnerId(),
          settings.inbox().display(),
          settings.pollInterval());
    } catch (Exception e) {
      throw new IllegalStateException(
          "inbox " + settings.inbox().display() + " cannot be watched: " + e.getMessage(), e);
    }
  }

  private synchronized ProducerTemplate producer() {
    if (producer == null) {
      producer = context.camel().createProducerTemplate();
    }
    return producer;
  }

  /**
   * Writes the change to the partner's outbox. A partner without an outbox only sends files: its
   * tickets keep the manufacturer's changes, readable through the API, and nothing is parked for
   * it.
   */
  @Override
  public DeliveryReceipt deliver(OutboundChange change) throws DeliveryException {
    return export == null ? DeliveryReceipt.NONE : export.write(change);
  }

  @Override
  public ConnectorHealth check() {
    String problem = reader.problem();
    if (problem != null) {
      return ConnectorHealth.down("inbox " + settings.inbox().display() + ": " + problem);
    }
    if (export != null && !export.health().up()) {
      return export.health();
    }
    return ConnectorHealth.up(
        reader.status() + (export == null ? "" : "; " + export.health().detail()));
  }

  @Override
  public void replay(long rawInputId, String sourceKey, String mediaType, byte[] body) {
    importer.replay(rawInputId, mediaType, body);
  }

  @Override
  public void close() {
    if (export != null) {
      export.close();
    }
    try {
      context.camel().getRouteController().stopRoute(routeId);
      context.camel().removeRoute(routeId);
    } catch (Exception e) {
      log.warn(
          "partner {}: inbox route did not stop cleanly: {}", context.partnerId(), e.toString());
    }
    ProducerTemplate template;
    synchronized (this) {
      template = producer;
      producer = null;
    }
    if (template != null) {
      try {
        template.stop();
      } catch (RuntimeException e) {
        // nothing to keep: the template only sent reports
      }
    }
  }
}
