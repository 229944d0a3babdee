package io.deskbridge.connector.email;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;

/**
 * The bytes of the {@code message/rfc822} parts of a message as they were sent (transfer encoding
 * removed), in document order: mime4j's DOM parses nested messages into objects, and writing one
 * back changes its bytes.
 */
final class NestedMessages {

  private NestedMessages() {}

  /** The raw nested messages of the message's own MIME tree, not of messages nested deeper. */
  static List<byte[]> of(byte[] raw, int start, MimeConfig config) {
    List<byte[]> nested = new ArrayList<>();
    MimeTokenStream stream = new MimeTokenStream(config, DecodeMonitor.SILENT, null);
    stream.setRecursionMode(RecursionMode.M_NO_RECURSE);
    try {
      stream.parse(new ByteArrayInputStream(raw, start, raw.length - start));
      for (EntityState state = stream.getState();
          state != EntityState.T_END_OF_STREAM;
          state = stream.next()) {
        if (state == EntityState.T_BODY
            && "message/rfc822".equalsIgnoreCase(stream.getBodyDescriptor().getMimeType())) {
          try (InputStream body = stream.getDecodedInputStream()) {
            nested.add(body.readAllBytes());
          }
        }
      }
    } catch (IOException | MimeException | RuntimeException e) {
      // The caller falls back to writing the parsed messages out.
      return List.of();
    }
    return nested;
  }
}
