package io.deskbridge.connector;

import java.time.Clock;

/** What the runtime gives a connector when it opens it for one partner. */
public record PartnerContext(
    String partnerId,
    String displayName,
    ConnectorSettings settings,
    InboundSink inbound,
    Clock clock) {}
