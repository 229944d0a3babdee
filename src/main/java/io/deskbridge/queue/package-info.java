/**
 * The manufacturer's side when it has no help desk of its own: built-in queues, declared in {@code
 * connectors/manufacturer.yml}, that the manufacturer's agents work through the API. Routing puts
 * each new ticket in one of them.
 */
package io.deskbridge.queue;
