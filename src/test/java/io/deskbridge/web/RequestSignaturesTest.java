package io.deskbridge.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The signature scheme against values computed independently of the gateway's code. */
class RequestSignaturesTest {

  static final byte[] SECRET = "deskbridge-test-secret".getBytes(StandardCharsets.UTF_8);
  static final long T = 1767225600L;
  static final byte[] BODY =
      "{\"subject\":\"Panel offline\",\"externalId\":\"V-1\"}".getBytes(StandardCharsets.UTF_8);

  /**
   * Made once outside Java with: {@code printf '%s' '1767225600.{"subject":"Panel
   * offline","externalId":"V-1"}' | openssl dgst -sha256 -hmac 'deskbridge-test-secret'}.
   */
  static final String OPENSSL_VECTOR =
      "2c530f9532b873d54f6cfa57e9d8b3d8bbc7e718ee2773d2090842e5f68f1883";

  @Test
  void signatureIsHmacSha256OfTimestampDotBodyAsOpensslComputesIt() {
    // When the gateway signs the fixed secret, timestamp and body
    String signature = HexFormat.of().formatHex(RequestSignatures.sign(SECRET, T, BODY));

    // Then it is the vector openssl computed
    assertThat(signature).isEqualTo(OPENSSL_VECTOR);
  }

  @Test
  void signatureMatchesAnHmacComputedHereWithJavaxCrypto() throws Exception {
    // Given the HMAC computed in the test itself over "t" + "." + body
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
    mac.update((T + ".").getBytes(StandardCharsets.UTF_8));
    byte[] expected = mac.doFinal(BODY);

    // When the gateway signs the same input
    byte[] signature = RequestSignatures.sign(SECRET, T, BODY);

    // Then both agree
    assertThat(signature).isEqualTo(expected);
  }

  @Test
  void headerWithSeveralV1SignaturesAndAnUnknownSchemeIsParsed() {
    // When a header carries two v1 signatures (a secret being rotated) and a v0 the gateway skips
    RequestSignatures.Parsed parsed =
        RequestSignatures.parse(
            "t=" + T + ", v1=" + OPENSSL_VECTOR + ",v0=abc,v1=" + "0".repeat(64));

    // Then the timestamp and both v1 signatures are read
    assertThat(parsed.timestamp()).isEqualTo(T);
    assertThat(parsed.signatures()).hasSize(2);
  }

  @Test
  void headerWithoutTimestampOrWithShortSignatureIsMalformed() {
    assertThat(RequestSignatures.parse("v1=" + OPENSSL_VECTOR)).isNull();
    assertThat(RequestSignatures.parse("t=" + T + ",v1=abc")).isNull();
    assertThat(RequestSignatures.parse("t=soon,v1=" + OPENSSL_VECTOR)).isNull();
    assertThat(RequestSignatures.parse(OPENSSL_VECTOR)).isNull();
  }
}
