/**
 * The one entry point for every change, whichever connector or API call it came from. The intake
 * keeps the raw input, ignores a repeated (side, source key), and applies the change, its journal
 * entries and one outbox row per side that must hear of it in a single transaction, so a change is
 * either wholly there or not at all, and is never sent back to the side it came from.
 */
package io.deskbridge.intake;
