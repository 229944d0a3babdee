package io.deskbridge.partner;

import io.deskbridge.connector.ConnectorSettings;
import java.nio.file.Path;
import java.util.List;

/**
 * One partner as configured: id, display name, connector kind and its settings, the mapping it
 * uses, the SHA-256 hashes of its API keys and its signing and webhook security. {@link
 * #toString()} leaves the key hashes and secrets out.
 */
public record Partner(
    String id,
    String name,
    String connector,
    String mapping,
    List<byte[]> apiKeyHashes,
    ConnectorSettings settings,
    Path file,
    PartnerSecurity security) {

  public Partner {
    apiKeyHashes = List.copyOf(apiKeyHashes);
    security = security == null ? PartnerSecurity.NONE : security;
  }

  /** A partner without signing or webhook settings. */
  public Partner(
      String id,
      String name,
      String connector,
      String mapping,
      List<byte[]> apiKeyHashes,
      ConnectorSettings settings,
      Path file) {
    this(id, name, connector, mapping, apiKeyHashes, settings, file, PartnerSecurity.NONE);
  }

  @Override
  public String toString() {
    return "Partner[" + id + ", connector=" + connector + ", file=" + file + "]";
  }
}
