/**
 * The connector SPI: what a kind of partner system (email, REST, CSV, a help desk product)
 * implements to join the gateway. A kind declares its settings once, validates them all at once,
 * and opens one {@link io.deskbridge.connector.PartnerConnector} per partner; the runtime owns
 * retries, ordering, idempotency and cursors, so a connector only translates. This package knows
 * the canonical model and nothing else of the gateway; kinds are found with {@link
 * java.util.ServiceLoader} so that {@code validate} can check partner files without starting the
 * gateway.
 */
package io.deskbridge.connector;
