/**
 * Delivery of every change to the sides that must hear of it. The intake writes one outbox row per
 * destination in the change's own transaction; the dispatcher delivers rows in order per
 * (destination, ticket), one lane per destination so a failing partner delays nobody else, retries
 * with exponential backoff and jitter, and after the last attempt parks the row as a dead letter
 * that holds back later changes of that ticket to that side until ops replay or discard it.
 */
package io.deskbridge.outbox;
