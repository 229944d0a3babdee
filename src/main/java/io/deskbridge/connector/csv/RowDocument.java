package io.deskbridge.connector.csv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;

/**
 * A row that could not be applied, as it is kept raw for ops: the file it came from (name and
 * SHA-256), the line it starts on, whether it is a comment, and the file's columns with the row's
 * fields. Replaying the dead letter reads the row again from this document.
 */
record RowDocument(
    String file,
    String fileSha256,
    long line,
    boolean comment,
    List<String> columns,
    List<String> fields) {

  static final String MEDIA_TYPE = "application/vnd.deskbridge.csv-row+json";

  private static final ObjectMapper JSON = new ObjectMapper();

  byte[] toJson() {
    try {
      return JSON.writeValueAsBytes(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a row of text is always JSON", e);
    }
  }

  static RowDocument fromJson(byte[] body) {
    try {
      return JSON.readValue(body, RowDocument.class);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a stored CSV row: " + e.getMessage(), e);
    }
  }
}
