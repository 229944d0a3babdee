package io.deskbridge.connector;

import java.nio.file.Path;
import java.time.Clock;
import org.apache.camel.CamelContext;

/**
 * What the runtime gives a connector when it opens it for one partner: its settings, where to hand
 * what it receives, its inbound mapping for records in its own shape, the state it may keep, the
 * bytes of stored files, the Camel context its routes run in (route ids start with the partner id),
 * and {@code workDir}, a folder of the partner's own under the gateway's data directory for files
 * that must survive a restart (downloads, spools); the connector creates it when it needs it.
 */
public record PartnerContext(
    String partnerId,
    String displayName,
    ConnectorSettings settings,
    InboundSink inbound,
    PartnerRecords records,
    ConnectorState state,
    AttachmentContents attachments,
    CamelContext camel,
    Clock clock,
    Path workDir) {}
