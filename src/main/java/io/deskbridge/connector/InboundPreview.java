package io.deskbridge.connector;

import java.util.Map;

/**
 * Implemented by a {@link PartnerConnector} that can show what it would make of raw input without
 * storing or sending anything, so ops can answer "why did this become that?".
 */
public interface InboundPreview {

  /** The reading of the input as JSON-ready maps, lists and texts. */
  Map<String, Object> preview(byte[] raw);
}
