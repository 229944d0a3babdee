package io.deskbridge.partner;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * API keys: random 256-bit tokens, stored only as their SHA-256. A slow password hash would buy
 * nothing for a random key and cost every request.
 */
public final class ApiKeys {

  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiKeys() {}

  /** A new key: 32 random bytes, URL-safe Base64 without padding. */
  public static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static byte[] hash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  public static String hashHex(String token) {
    return HexFormat.of().formatHex(hash(token));
  }

  /**
   * Compares a presented token's hash with a stored hash in time independent of where they differ.
   */
  public static boolean matches(byte[] presentedHash, byte[] storedHash) {
    return MessageDigest.isEqual(presentedHash, storedHash);
  }
}
