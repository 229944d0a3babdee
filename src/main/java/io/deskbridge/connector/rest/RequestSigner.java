package io.deskbridge.connector.rest;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs the bodies we send the way the gateway asks partners to sign theirs, so a partner verifies
 * us with the same code: {@code t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>}.
 */
final class RequestSigner {

  static final String HEADER = "X-DeskBridge-Signature";

  private final SecretKeySpec key;

  RequestSigner(String secret) {
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  /** The header value for this body sent at this moment. */
  String sign(byte[] body, Instant now) {
    long t = now.getEpochSecond();
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
      mac.update(body);
      return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac.doFinal());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  @Override
  public String toString() {
    return "RequestSigner (secret hidden)";
  }
}
