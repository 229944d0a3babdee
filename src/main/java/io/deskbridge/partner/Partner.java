package io.deskbridge.partner;

import io.deskbridge.connector.ConnectorSettings;
import java.nio.file.Path;
import java.util.List;

/**
 * One partner as configured: id, display name, connector kind and its settings, the mapping it uses
 * and the SHA-256 hashes of its API keys. {@link #toString()} leaves the key hashes out.
 */
public record Partner(
    String id,
    String name,
    String connector,
    String mapping,
    List<byte[]> apiKeyHashes,
    ConnectorSettings settings,
    Path file) {

  public Partner {
    apiKeyHashes = List.copyOf(apiKeyHashes);
  }

  @Override
  public String toString() {
    return "Partner[" + id + ", connector=" + connector + ", file=" + file + "]";
  }
}
