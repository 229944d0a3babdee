package io.deskbridge.web;

import io.deskbridge.partner.PartnerSecurity;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks {@code X-DeskBridge-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." +
 * body)>}: present, well formed, made with one of the partner's secrets, fresh, and not seen
 * before.
 */
public class RequestSignatures {

  /** The header a signed request carries. */
  public static final String HEADER = "X-DeskBridge-Signature";

  /** How far a signature's time may be from ours, either way. */
  public static final Duration TOLERANCE = Duration.ofMinutes(5);

  /** Why a signature was refused; the code is the problem's {@code code}. */
  public enum Failure {
    MISSING("signature-missing", "this partner must sign its requests: header " + HEADER),
    MALFORMED(
        "signature-malformed",
        HEADER + " must be t=<unix seconds>,v1=<64 hex digits of HMAC-SHA256>"),
    MISMATCH(
        "signature-mismatch",
        "the signature does not match the body and timestamp for any of this partner's secrets"),
    STALE(
        "signature-stale",
        "the signature's timestamp is more than "
            + TOLERANCE.toMinutes()
            + " minutes from the gateway's clock; sign again just before sending"),
    REPLAYED(
        "signature-replayed",
        "this signature was used already; every request is signed anew (a new t)");

    private final String code;
    private final String detail;

    Failure(String code, String detail) {
      this.code = code;
      this.detail = detail;
    }

    public String code() {
      return code;
    }

    public String detail() {
      return detail;
    }
  }

  /** A parsed header: its timestamp and every {@code v1} signature in it. */
  record Parsed(long timestamp, List<byte[]> signatures) {}

  private final SignatureReplays replays;

  public RequestSignatures(SignatureReplays replays) {
    this.replays = replays;
  }

  /**
   * Checks a request's signature header against the partner's signing settings.
   *
   * @return the failure, or empty when the request may pass
   */
  public Optional<Failure> check(
      String partnerId, PartnerSecurity.Signing signing, String header, byte[] body, Instant now) {
    if (header == null || header.isBlank()) {
      return signing.required() ? Optional.of(Failure.MISSING) : Optional.empty();
    }
    Parsed parsed = parse(header);
    if (parsed == null) {
      return Optional.of(Failure.MALFORMED);
    }
    byte[] matched = null;
    for (byte[] secret : signing.secrets()) {
      byte[] expected = sign(secret, parsed.timestamp(), body);
      for (byte[] given : parsed.signatures()) {
        // Every pair is compared in full, so timing tells nothing about which one matched.
        if (MessageDigest.isEqual(expected, given) && matched == null) {
          matched = expected;
        }
      }
    }
    if (matched == null) {
      return Optional.of(Failure.MISMATCH);
    }
    Instant signedAt = Instant.ofEpochSecond(parsed.timestamp());
    if (Duration.between(signedAt, now).abs().compareTo(TOLERANCE) > 0) {
      return Optional.of(Failure.STALE);
    }
    // Kept until no clock within the tolerance could still take it as fresh.
    Instant expires = signedAt.plus(TOLERANCE).plusSeconds(1);
    if (!replays.firstUse(partnerId, HexFormat.of().formatHex(matched), expires, now)) {
      return Optional.of(Failure.REPLAYED);
    }
    return Optional.empty();
  }

  /** The header's parts, or null when it is not {@code t=<digits>,v1=<64 hex>[,v1=...]}. */
  static Parsed parse(String header) {
    Long timestamp = null;
    List<byte[]> signatures = new ArrayList<>();
    for (String part : header.split(",")) {
      String item = part.trim();
      int eq = item.indexOf('=');
      if (eq <= 0) {
        return null;
      }
      String name = item.substring(0, eq).trim();
      String value = item.substring(eq + 1).trim();
      if (name.equals("t")) {
        if (timestamp != null || !value.matches("[0-9]{1,12}")) {
          return null;
        }
        timestamp = Long.parseLong(value);
      } else if (name.equals("v1")) {
        if (!value.matches("[0-9a-fA-F]{64}")) {
          return null;
        }
        signatures.add(HexFormat.of().parseHex(value.toLowerCase()));
      }
      // Other schemes (v0, v2, ...) are skipped, so that a sender may add a newer one alongside.
    }
    return timestamp == null || signatures.isEmpty() ? null : new Parsed(timestamp, signatures);
  }

  /** HMAC-SHA256(secret, t + "." + body). */
  public static byte[] sign(byte[] secret, long timestamp, byte[] body) {
    Mac mac = hmac(secret);
    mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
    return mac.doFinal(body);
  }

  /** A fresh HMAC-SHA256 keyed with the secret. */
  static Mac hmac(byte[] secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac;
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
