package io.deskbridge.connector.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The dialect of real partner files is found from their first bytes alone. */
class DialectDetectorTest {

  private static CsvDialect detect(String file) {
    byte[] bytes = CsvFixtures.bytes(file);
    return DialectDetector.detect(bytes, bytes.length, false, null, null);
  }

  @ParameterizedTest(name = "{0}: ''{1}'' {2} bom={3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "excel-ru-1251.csv      | ;   | windows-1251 | false | CRLF",
        "utf8-bom-semicolon.csv | ;   | UTF-8        | true  | CRLF",
        "koi8r.csv              | ;   | KOI8-R       | false | LF",
        "tab-separated.csv      | tab | UTF-8        | false | LF",
        "comma-multiline.csv    | ,   | UTF-8        | false | CRLF",
        "comments-ru-1251.csv   | ;   | windows-1251 | false | CRLF",
      })
  void partnerFileDialectIsDetected(
      String file, String delimiter, String charset, boolean bom, String lineEnd) {
    CsvDialect dialect = detect(file);

    assertThat(dialect.delimiter()).isEqualTo(delimiter.equals("tab") ? '\t' : delimiter.charAt(0));
    assertThat(dialect.charset()).isEqualTo(Charset.forName(charset));
    assertThat(dialect.byteOrderMark()).isEqualTo(bom);
    assertThat(dialect.recordSeparator()).isEqualTo(lineEnd.equals("CRLF") ? "\r\n" : "\n");
  }

  @Test
  void sameRussianTextIsToldApartInWindows1251AndKoi8r() {
    String text = "Номер;Тема\r\nС-1;Пожарная сигнализация не работает на втором этаже\r\n";

    byte[] windows = text.getBytes(CyrillicCharsets.WINDOWS_1251);
    byte[] koi8 = text.getBytes(CyrillicCharsets.KOI8_R);

    assertThat(DialectDetector.charsetOf(windows, windows.length, false))
        .isEqualTo(CyrillicCharsets.WINDOWS_1251);
    assertThat(DialectDetector.charsetOf(koi8, koi8.length, false))
        .isEqualTo(CyrillicCharsets.KOI8_R);
  }

  @Test
  void utf8CharacterCutByTheEndOfTheSampleIsStillUtf8() {
    byte[] whole = "Тема;Описание\nпожар;дым\n".getBytes(StandardCharsets.UTF_8);
    int cut = whole.length - 3; // inside the two bytes of the last д

    assertThat(DialectDetector.charsetOf(whole, cut, true)).isEqualTo(StandardCharsets.UTF_8);
  }

  @Test
  void commasInsideQuotedCellsDoNotOutvoteTheSemicolon() {
    String text = "a;b;c\n\"x, y, z\";2;3\n\"p, q\";5;6\n";

    assertThat(DialectDetector.delimiterOf(text)).isEqualTo(';');
  }

  @Test
  void unquotedCommasInTextDoNotOutvoteAConsistentSemicolon() {
    String text = "Номер;Адрес;Тема\n1;Москва, Тверская 1;Пожар\n2;Тула;Дым, гарь, сирена\n";

    assertThat(DialectDetector.delimiterOf(text)).isEqualTo(';');
  }

  @Test
  void settingsNamingCharsetAndDelimiterWinOverDetection() {
    byte[] bytes = CsvFixtures.bytes("excel-ru-1251.csv");

    CsvDialect dialect =
        DialectDetector.detect(bytes, bytes.length, false, ',', CyrillicCharsets.KOI8_R);

    assertThat(dialect.delimiter()).isEqualTo(',');
    assertThat(dialect.charset()).isEqualTo(CyrillicCharsets.KOI8_R);
  }
}
