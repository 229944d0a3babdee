/**
 * The partners the gateway serves, read from {@code connectors/*.yml}: who they are, which
 * connector kind and mapping they use, and how they prove who they are. Also the credentials of the
 * manufacturer's agents and ops, so that every caller of the API resolves to one {@link
 * io.deskbridge.partner.Caller} with a role and, for partners, the only tickets it may see.
 */
package io.deskbridge.partner;
