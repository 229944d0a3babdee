/**
 * The {@code rest} connector kind: partners with a developer of their own use the gateway's API
 * directly. They open, comment on and change their tickets through {@code /api/v1} and pick up the
 * manufacturer's changes with {@code GET /api/v1/tickets?updatedSince=}, so a change toward them is
 * delivered by being readable there.
 */
package io.deskbridge.connector.rest;
