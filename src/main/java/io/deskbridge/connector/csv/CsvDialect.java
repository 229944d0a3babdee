package io.deskbridge.connector.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;

/**
 * How a partner's CSV files are written: the delimiter between fields, the charset of the bytes,
 * whether they start with a byte order mark, and the line ending. Quotes are always {@code "}.
 */
public record CsvDialect(
    char delimiter, Charset charset, boolean byteOrderMark, String recordSeparator) {

  /** What Excel writes for "CSV UTF-8": commas, UTF-8 with a BOM, CRLF. */
  public static final CsvDialect EXCEL_UTF8 =
      new CsvDialect(',', java.nio.charset.StandardCharsets.UTF_8, true, "\r\n");

  /**
   * Text of a file in this dialect: its byte order mark skipped, and each byte sequence the charset
   * cannot decode read as U+FFFD, so a row can name the undecodable cell rather than fail the file.
   */
  BufferedReader reader(InputStream in) throws IOException {
    if (byteOrderMark) {
      in.readNBytes(3);
    }
    return new BufferedReader(
        new InputStreamReader(
            in,
            charset
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)),
        64 * 1024);
  }

  public CsvDialect {
    if (delimiter == '"' || delimiter == '\r' || delimiter == '\n') {
      throw new IllegalArgumentException("a delimiter cannot be a quote or a line break");
    }
    if (!"\r\n".equals(recordSeparator) && !"\n".equals(recordSeparator)) {
      throw new IllegalArgumentException("lines end with CRLF or LF");
    }
  }
}
