package io.deskbridge.web;

import io.deskbridge.partner.ApiKeys;
import io.deskbridge.partner.PartnerSecurity;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import org.springframework.http.HttpHeaders;

/**
 * Checks a raw webhook against the scheme its partner's system uses (HMAC of the body, Basic or a
 * bearer token). Every comparison runs in time independent of where the values differ.
 */
final class WebhookCredentials {

  private WebhookCredentials() {}

  /** True when the request carries the credential the partner's webhook scheme asks for. */
  static boolean verify(PartnerSecurity.Webhook webhook, HttpServletRequest request, byte[] body) {
    return switch (webhook.scheme()) {
      case HMAC -> hmac(webhook, request.getHeader(webhook.header()), body);
      case BASIC -> basic(webhook, request.getHeader(HttpHeaders.AUTHORIZATION));
      case BEARER -> bearer(webhook, request.getHeader(HttpHeaders.AUTHORIZATION));
      case API_KEY -> false;
    };
  }

  private static boolean hmac(PartnerSecurity.Webhook webhook, String header, byte[] body) {
    if (header == null) {
      return false;
    }
    String value = header.trim();
    if (!value.regionMatches(true, 0, webhook.prefix(), 0, webhook.prefix().length())) {
      return false;
    }
    String hex = value.substring(webhook.prefix().length()).trim();
    if (!hex.matches("[0-9a-fA-F]{64}")) {
      return false;
    }
    byte[] expected = RequestSignatures.hmac(webhook.secret()).doFinal(body);
    return MessageDigest.isEqual(expected, HexFormat.of().parseHex(hex.toLowerCase()));
  }

  private static boolean basic(PartnerSecurity.Webhook webhook, String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return false;
    }
    // Hashes of equal length, so that neither the length nor the content leaks through timing.
    boolean user = same(decoded.substring(0, colon), webhook.username());
    boolean password =
        same(decoded.substring(colon + 1), new String(webhook.secret(), StandardCharsets.UTF_8));
    return user & password;
  }

  private static boolean bearer(PartnerSecurity.Webhook webhook, String header) {
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    return same(header.substring(7).strip(), new String(webhook.secret(), StandardCharsets.UTF_8));
  }

  private static boolean same(String presented, String expected) {
    return MessageDigest.isEqual(ApiKeys.hash(presented), ApiKeys.hash(expected));
  }
}
