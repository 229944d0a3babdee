/**
 * The {@code rest} connector kind: partners with a developer of their own use the gateway's API
 * directly. They open, comment on and change their tickets through {@code /api/v1}. The
 * manufacturer's changes either wait for them at {@code GET /api/v1/tickets?updatedSince=} or, when
 * the partner file names a {@code baseUrl}, are pushed to the partner's own API: one call per
 * change, authenticated, signed, idempotent on the change id, and failing in the dispatcher's terms
 * (retry, retry after, dead letter) behind a circuit breaker per partner.
 */
package io.deskbridge.connector.rest;
