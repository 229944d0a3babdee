/**
 * Mappings that manufacturer ops write instead of code: how a partner's records (JSON, CSV rows,
 * mail headers) become canonical tickets and comments (paths, constants, defaults, transforms,
 * value tables with a declared policy for unmapped values), and what may leave the gateway toward
 * that partner and in which words (an allowlist, reversed value tables, the transitions its
 * workflow allows). Files are validated with the exact location of every problem and compiled once,
 * so applying a mapping does no parsing.
 */
package io.deskbridge.mapping;
