package io.deskbridge.partner;

import java.util.List;

/**
 * How a partner's requests are checked beyond its API key: body signing and the scheme its own
 * system uses for raw webhooks. Secrets are held resolved; {@link #toString()} never shows them.
 */
public record PartnerSecurity(Signing signing, Webhook webhook) {

  /** Neither signing nor a webhook scheme. */
  public static final PartnerSecurity NONE = new PartnerSecurity(null, null);

  /**
   * Body signing: any of the secrets verifies (several while a secret is rotated); when required, a
   * write without a valid signature is refused.
   */
  public record Signing(List<byte[]> secrets, boolean required) {
    public Signing {
      secrets = List.copyOf(secrets);
    }

    @Override
    public String toString() {
      return "Signing[" + secrets.size() + " secret(s), required=" + required + "]";
    }
  }

  /** How a partner system authenticates its raw webhooks. */
  public enum Scheme {
    /** An HMAC-SHA256 of the raw body in a header, hex, after an optional prefix. */
    HMAC,
    /** HTTP Basic with a configured user name and password. */
    BASIC,
    /** {@code Authorization: Bearer} with a configured token. */
    BEARER,
    /** The partner's ordinary API key. */
    API_KEY
  }

  /**
   * A partner system's webhook authentication: the scheme, for HMAC the header and its prefix, the
   * user name for Basic, the secret (HMAC key, Basic password or bearer token), and the headers
   * that may carry a delivery id, first found wins.
   */
  public record Webhook(
      Scheme scheme,
      String header,
      String prefix,
      String username,
      byte[] secret,
      List<String> deliveryHeaders) {

    /** Headers senders commonly put a delivery id in, used when the partner file names none. */
    public static final List<String> DEFAULT_DELIVERY_HEADERS =
        List.of("X-Delivery-Id", "X-GitHub-Delivery", "X-Zendesk-Webhook-Invocation-Id");

    public Webhook {
      deliveryHeaders = List.copyOf(deliveryHeaders);
    }

    @Override
    public String toString() {
      return "Webhook[" + scheme + (header == null ? "" : ", header=" + header) + "]";
    }
  }
}
