/**
 * Routing of new tickets to the manufacturer's queues by the ordered rules of {@code
 * mappings/routing.yml}: the first rule whose conditions all hold chooses the queue, may override
 * the priority and sets the first-response target. The last rule has no conditions, so every ticket
 * lands.
 */
package io.deskbridge.routing;
