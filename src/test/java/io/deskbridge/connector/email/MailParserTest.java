package io.deskbridge.connector.email;

import static io.deskbridge.connector.email.MailFixtures.mail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MailParserTest {

  private static final String RUSSIAN = "Привет! Это письмо о заявке, которую вы открыли вчера.";

  private final MailParser parser = new MailParser();

  @Test
  void encodedWordsInSubjectAndSenderNameAreDecoded() throws Exception {
    // Given a header with Q and B encoded words, one under a misspelt charset label
    byte[] raw =
        mail(
            """
            From: =?cp-1251?B?yOLg7SDP5fLw7uI=?= <ivan@example.com>
            Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?= =?utf8?B?aXo=?= Berlin
            To: support@example.com

            Hallo
            """);

    // When it is read
    ParsedMail parsed = parser.parse(raw);

    // Then both read as text
    assertThat(parsed.subject()).isEqualTo("Grüßeiz Berlin");
    assertThat(parsed.from().name()).isEqualTo("Иван Петров");
    assertThat(parsed.from().address()).isEqualTo("ivan@example.com");
  }

  @Test
  void rfc2231FileNameWithCharsetLanguageAndContinuationsIsDecoded() throws Exception {
    // Given an attachment whose name is split in RFC 2231 continuations with a charset
    byte[] raw =
        mail(
            """
            From: a@example.com
            Subject: file
            Content-Type: multipart/mixed; boundary=b

            --b
            Content-Type: text/plain

            See file.
            --b
            Content-Type: application/pdf
            Content-Disposition: attachment;
             filename*0*=windows-1251'ru'%D1%F7%E5%F2;
             filename*1*=%20%B9%205.pdf

            %PDF-1.4
            --b--
            """);

    // When it is read
    ParsedMail parsed = parser.parse(raw);

    // Then the name is the Russian one
    assertThat(parsed.attachments())
        .singleElement()
        .extracting(MailAttachment::name)
        .isEqualTo("Счет № 5.pdf");
  }

  @Test
  void undeclaredKoi8rBodyIsRecognisedFromItsBytes() throws Exception {
    // Given a body in KOI8-R without any charset label
    byte[] raw =
        mail("From: a@example.com\nSubject: x\n", RUSSIAN.getBytes(Charset.forName("KOI8-R")));

    // When it is read
    ParsedMail parsed = parser.parse(raw);

    // Then the text is the Russian one
    assertThat(parsed.text()).isEqualTo(RUSSIAN);
  }

  @Test
  void undeclaredWindows1251BodyIsRecognisedFromItsBytes() throws Exception {
    // Given a body in windows-1251 without any charset label
    byte[] raw =
        mail(
            "From: a@example.com\nSubject: x\n", RUSSIAN.getBytes(Charset.forName("windows-1251")));

    // When it is read
    ParsedMail parsed = parser.parse(raw);

    // Then the text is the Russian one
    assertThat(parsed.text()).isEqualTo(RUSSIAN);
  }

  @Test
  void misspeltWindows1251LabelIsUnderstood() throws Exception {
    // Given a body labelled "win-1251"
    byte[] raw =
        mail(
            "From: a@example.com\nSubject: x\nContent-Type: text/plain; charset=\"win-1251\"\n",
            RUSSIAN.getBytes(Charset.forName("windows-1251")));

    // When it is read
    ParsedMail parsed = parser.parse(raw);

    // Then it reads as windows-1251 without a problem
    assertThat(parsed.text()).isEqualTo(RUSSIAN);
    assertThat(parsed.problems()).isEmpty();
  }

  @Test
  void macCyrillicLabelIsUnderstood() throws Exception {
    // Given a body labelled x-mac-cyrillic
    byte[] raw =
        mail(
            "From: a@example.com\nSubject: x\nContent-Type: text/plain; charset=x-mac-cyrillic\n",
            RUSSIAN.getBytes(Charset.forName("x-MacCyrillic")));

    // When it is read
    ParsedMail parsed = parser.parse(raw);

    // Then it reads as Russian
    assertThat(parsed.text()).isEqualTo(RUSSIAN);
  }

  @Test
  void iso2022JpBodyIsDecoded() throws Exception {
    // Given a Japanese body in ISO-2022-JP
    String japanese = "お問い合わせありがとうございます";
    byte[] raw =
        mail(
            "From: a@example.com\nSubject: x\nContent-Type: text/plain; charset=ISO-2022-JP\n",
            japanese.getBytes(Charset.forName("ISO-2022-JP")));

    // When it is read
    ParsedMail parsed = parser.parse(raw);

    // Then it reads as Japanese
    assertThat(parsed.text()).isEqualTo(japanese);
  }

  @Test
  void unknownCharsetIsGuessedAndNoted() throws Exception {
    // Given a body under a charset label nobody knows
    byte[] raw =
        mail(
            "From: a@example.com\nSubject: x\nContent-Type: text/plain; charset=x-klingon\n",
            "Grüße aus München".getBytes(StandardCharsets.UTF_8));

    // When it is read
    ParsedMail parsed = parser.parse(raw);

    // Then the text is read from its bytes and the guess is noted for ops
    assertThat(parsed.text()).isEqualTo("Grüße aus München");
    assertThat(parsed.problems()).anyMatch(p -> p.contains("x-klingon"));
  }

  @Test
  void alternativeGivesThePlainTextAndKeepsTheHtml() throws Exception {
    // Given a multipart/alternative with plain and HTML renderings
    byte[] raw =
        mail(
            """
            From: a@example.com
            Subject: x
            Content-Type: multipart/alternative; boundary=b

            --b
            Content-Type: text/plain; charset=utf-8

            Plain words
            --b
            Content-Type: text/html; charset=utf-8

            <p>HTML <b>words</b></p>
            --b--
            """);

    // When it is read
    ParsedMail parsed = parser.parse(raw);

    // Then the text is the plain part, the HTML is kept, and neither is an attachment
    assertThat(parsed.text()).isEqualTo("Plain words");
    assertThat(parsed.html()).contains("<b>words</b>");
    assertThat(parsed.attachments()).isEmpty();
  }

  @Test
  void htmlOnlyMailGetsReadableText() throws Exception {
    // Given a mail with only an HTML body
    byte[] raw =
        mail(
            """
            From: a@example.com
            Subject: x
            Content-Type: text/html; charset=utf-8

            <html><head><style>p{color:red}</style></head><body>
            <p>Hello,</p><p>the pump fails:</p><ul><li>noise</li><li>leak</li></ul>
            <p>See <a href="https://example.com/t/1">ticket 1</a>.<br>Anna</p>
            <script>alert(1)</script></body></html>
            """);

    // When it is read
    ParsedMail parsed = parser.parse(raw);

    // Then the text reads like the page, and the HTML is kept
    assertThat(parsed.text())
        .isEqualTo("Hello,\n\nthe pump fails:\n\n- noise\n- leak\n\nSee ticket 1.\nAnna");
    assertThat(parsed.html()).contains("<ul>");
  }

  @Test
  void inlineImageIsKeptWithItsContentId() throws Exception {
    // Given an HTML body with an image it shows by Content-ID
    byte[] raw =
        mail(
            """
            From: a@example.com
            Subject: x
            Content-Type: multipart/related; boundary=b

            --b
            Content-Type: text/html; charset=utf-8

            <p>Look: <img src="cid:photo1@example.com"></p>
            --b
            Content-Type: image/png; name="photo.png"
            Content-Transfer-Encoding: base64
            Content-ID: <photo1@example.com>

            iVBORw0KGgo=
            --b--
            """);

    // When it is read
    ParsedMail parsed = parser.parse(raw);

    // Then the image is an inline attachment with its Content-ID
    assertThat(parsed.attachments())
        .singleElement()
        .satisfies(
            image -> {
              assertThat(image.name()).isEqualTo("photo.png");
              assertThat(image.contentId()).isEqualTo("photo1@example.com");
              assertThat(image.inline()).isTrue();
              assertThat(image.mediaType()).isEqualTo("image/png");
            });
  }

  @Test
  void nestedMessageIsKeptAsEmlWithItsBytes() throws Exception {
    // Given a forwarded message attached as message/rfc822
    // The line break before the boundary belongs to the boundary (RFC 2046).
    String nested = "From: b@example.com\r\nSubject: Original\r\n\r\nOriginal text";
    byte[] raw =
        mail(
            """
            From: a@example.com
            Subject: Fwd
            Content-Type: multipart/mixed; boundary=b

            --b
            Content-Type: text/plain

            Forwarding.
            --b
            Content-Type: message/rfc822

            From: b@example.com
            Subject: Original

            Original text
            --b--
            """);

    // When it is read
    ParsedMail parsed = parser.parse(raw);

    // Then the nested message is a file named by its subject, byte for byte as sent
    assertThat(parsed.attachments())
        .singleElement()
        .satisfies(
            eml -> {
              assertThat(eml.name()).isEqualTo("Original.eml");
              assertThat(eml.mediaType()).isEqualTo("message/rfc822");
              assertThat(new String(eml.content(), StandardCharsets.UTF_8)).isEqualTo(nested);
            });
  }

  @Test
  void reportPartsAreKeptWithTheirMediaTypes() throws Exception {
    // Given a delivery status notification
    byte[] raw =
        mail(
            """
            From: MAILER-DAEMON@example.com
            Subject: Undelivered Mail
            Content-Type: multipart/report; report-type=delivery-status; boundary=b

            --b
            Content-Type: text/plain

            Your mail could not be delivered.
            --b
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.example.com

            Final-Recipient: rfc822; nobody@example.com
            Action: failed
            Status: 5.1.1
            --b
            Content-Type: text/rfc822-headers

            From: a@example.com
            Subject: Hello
            --b--
            """);

    // When it is read
    ParsedMail parsed = parser.parse(raw);

    // Then each report part is an attachment a classifier finds by its media type
    assertThat(parsed.reportType()).isEqualTo("delivery-status");
    assertThat(parsed.attachments())
        .extracting(MailAttachment::mediaType)
        .containsExactly("message/delivery-status", "text/rfc822-headers");
    assertThat(parsed.text()).isEqualTo("Your mail could not be delivered.");
  }

  @Test
  void winmailDatIsUnpackedIntoItsFiles() throws Exception {
    // Given an Outlook mail whose winmail.dat holds one file
    byte[] tnef = tnefWithFile("notes.txt", "pump serial 4711".getBytes(StandardCharsets.US_ASCII));

    // When it is read
    ParsedMail parsed = parser.parse(MailFixtures.withWinmail(tnef));

    // Then the file inside takes the place of winmail.dat
    assertThat(parsed.attachments())
        .singleElement()
        .satisfies(
            file -> {
              assertThat(file.name()).isEqualTo("notes.txt");
              assertThat(new String(file.content(), StandardCharsets.US_ASCII))
                  .isEqualTo("pump serial 4711");
            });
  }

  @Test
  void brokenWinmailDatIsKeptWithAProblemNoted() throws Exception {
    // Given a winmail.dat that is not TNEF at all
    byte[] notTnef = "these are not TNEF bytes".getBytes(StandardCharsets.US_ASCII);

    // When it is read
    ParsedMail parsed = parser.parse(MailFixtures.withWinmail(notTnef));

    // Then the original file is kept and the problem is noted
    assertThat(parsed.attachments())
        .extracting(MailAttachment::name)
        .containsExactly("winmail.dat");
    assertThat(parsed.problems()).anyMatch(p -> p.contains("winmail.dat"));
  }

  @Test
  void emptyBytesAreUnreadable() {
    assertThatThrownBy(() -> parser.parse(new byte[0]))
        .isInstanceOf(UnreadableMailException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void binaryGarbageIsUnreadable() {
    // Given the first bytes of a PNG file
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D'};

    // When / Then
    assertThatThrownBy(() -> parser.parse(png))
        .isInstanceOf(UnreadableMailException.class)
        .hasMessageContaining("binary");
  }

  @Test
  void textWithoutAHeaderIsUnreadable() {
    // Given plain text that never had a header
    byte[] text =
        "Hello, this is just a note.\r\nNo header here.\r\n".getBytes(StandardCharsets.UTF_8);

    // When / Then
    assertThatThrownBy(() -> parser.parse(text))
        .isInstanceOf(UnreadableMailException.class)
        .hasMessageContaining("no header");
  }

  @Test
  void brokenPartIsSkippedNotFatal() throws Exception {
    // Given a mail whose attachment declares an impossible base64 body and a text part
    byte[] raw =
        mail(
            """
            From: a@example.com
            Subject: x
            Content-Type: multipart/mixed; boundary=b

            --b
            Content-Type: text/plain

            Still readable.
            --b
            Content-Type: application/pdf; name=a.pdf
            Content-Transfer-Encoding: base64

            !!!! not base64 at all !!!!
            --b--
            """);

    // When it is read
    ParsedMail parsed = parser.parse(raw);

    // Then the text is there whatever became of the broken part
    assertThat(parsed.text()).isEqualTo("Still readable.");
  }

  /** A minimal TNEF stream (MS-OXTNEF) with one attachment: rendering, title and data. */
  private static byte[] tnefWithFile(String name, byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(le(4, 0x223E9F78));
    out.writeBytes(le(2, 0x0001));
    attribute(out, 1, 0x00089006, new byte[] {'I', 'P', 'M', '.', 'N', 'o', 't', 'e', 0});
    attribute(out, 2, 0x00069002, new byte[14]);
    attribute(out, 2, 0x00018010, (name + "\0").getBytes(StandardCharsets.US_ASCII));
    attribute(out, 2, 0x0006800F, data);
    return out.toByteArray();
  }

  private static void attribute(ByteArrayOutputStream out, int level, int id, byte[] data) {
    out.write(level);
    out.writeBytes(le(4, id));
    out.writeBytes(le(4, data.length));
    out.writeBytes(data);
    int checksum = 0;
    for (byte b : data) {
      checksum = (checksum + (b & 0xFF)) & 0xFFFF;
    }
    out.writeBytes(le(2, checksum));
  }

  private static byte[] le(int size, int value) {
    ByteBuffer buffer = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value);
    byte[] bytes = new byte[size];
    System.arraycopy(buffer.array(), 0, bytes, 0, size);
    return bytes;
  }
}
