package io.deskbridge.connector.csv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What is kept raw for a whole file: its name, SHA-256 and size, and where it lies once read. The
 * file itself stays on disk ({@code .done/} or {@code .failed/} of the inbox), so a file of any
 * size is kept whole without passing through memory.
 */
record FileReceipt(String file, String sha256, long bytes, String inbox, String outcome) {

  static final String MEDIA_TYPE = "application/vnd.deskbridge.csv-file+json";

  private static final ObjectMapper JSON = new ObjectMapper();

  byte[] toJson() {
    try {
      return JSON.writeValueAsBytes(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a receipt of text is always JSON", e);
    }
  }
}
