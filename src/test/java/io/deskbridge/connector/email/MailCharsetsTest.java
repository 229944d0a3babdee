package io.deskbridge.connector.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MailCharsetsTest {

  @ParameterizedTest
  @CsvSource({
    "cp1251, windows-1251",
    "win-1251, windows-1251",
    "WINDOWS1251, windows-1251",
    "koi8r, KOI8-R",
    "\"koi8-r\", KOI8-R",
    "utf8, UTF-8",
    "x-mac-cyrillic, x-MacCyrillic",
    "latin1, windows-1252"
  })
  void misspeltAndAliasLabelsNameTheirCharset(String label, String charset) {
    assertThat(MailCharsets.named(label)).contains(Charset.forName(charset));
  }

  @Test
  void anUnknownLabelNamesNothing() {
    assertThat(MailCharsets.named("x-klingon")).isEmpty();
  }

  @Test
  void latinTextIsNotMistakenForCyrillic() {
    // Given German text in windows-1252, no label
    byte[] german = "Schöne Grüße aus Köln, bis Dienstag".getBytes(Charset.forName("windows-1252"));

    // When / Then
    assertThat(MailCharsets.guess(german)).isEqualTo(Charset.forName("windows-1252"));
  }

  @Test
  void validUtf8IsReadAsUtf8() {
    byte[] utf8 = "Привет".getBytes(StandardCharsets.UTF_8);

    assertThat(MailCharsets.guess(utf8)).isEqualTo(StandardCharsets.UTF_8);
  }

  @Test
  void utf8LabelOnOtherBytesIsCorrectedAndNoted() {
    // Given windows-1251 bytes labelled UTF-8
    List<String> problems = new ArrayList<>();
    byte[] bytes = "Добрый день, коллеги".getBytes(Charset.forName("windows-1251"));

    // When
    String text = MailCharsets.decode(bytes, "utf-8", problems);

    // Then
    assertThat(text).isEqualTo("Добрый день, коллеги");
    assertThat(problems).singleElement().asString().contains("windows-1251");
  }

  @Test
  void utf7IsDecoded() {
    byte[] utf7 = "Fr+APY-sche +- mehr".getBytes(StandardCharsets.US_ASCII);

    assertThat(MailCharsets.decode(utf7, "utf-7", new ArrayList<>())).isEqualTo("Frösche + mehr");
  }
}
