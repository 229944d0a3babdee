package io.deskbridge.connector.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VisibleReplyTest {

  private static final String REPLY = "The printer works again, thank you.";

  @Test
  void dropsGmailQuoteBelowOnWroteLine() {
    // Given
    String mail =
        REPLY
            + "\n\nOn Mon, 3 Mar 2025 at 10:15, Maker Support <support@maker.example> wrote:\n\n"
            + "> Please restart the printer.\n>\n> Maker Support\n";

    // When
    String reply = VisibleReply.fromText(mail);

    // Then
    assertThat(reply).isEqualTo(REPLY);
  }

  @Test
  void dropsOnWroteLineWrappedOverTwoLines() {
    // Given
    String mail =
        REPLY
            + "\n\nOn Mon, 3 Mar 2025 at 10:15, Maker Support from the Service Desk <\n"
            + "support@maker.example> wrote:\n\n> Please restart the printer.\n";

    // When
    String reply = VisibleReply.fromText(mail);

    // Then
    assertThat(reply).isEqualTo(REPLY);
  }

  @Test
  void dropsAppleMailQuote() {
    // Given
    String mail =
        REPLY
            + "\n\n> On 3 Mar 2025, at 10:15, Maker Support <support@maker.example> wrote:\n>\n"
            + "> Please restart the printer.\n";

    // When
    String reply = VisibleReply.fromText(mail);

    // Then
    assertThat(reply).isEqualTo(REPLY);
  }

  @Test
  void dropsThunderbirdQuote() {
    // Given
    String mail =
        REPLY + "\n\nOn 03.03.2025 10:15, Maker Support wrote:\n> Please restart the printer.\n";

    // When
    String reply = VisibleReply.fromText(mail);

    // Then
    assertThat(reply).isEqualTo(REPLY);
  }

  @Test
  void dropsOutlookHeaderBlockBelowUnderscoreRule() {
    // Given
    String mail =
        REPLY
            + "\n\n________________________________\nFrom: Maker Support <support@maker.example>\n"
            + "Sent: Monday, March 3, 2025 10:15 AM\nTo: Partner Desk <desk@partner.example>\n"
            + "Subject: [#1042] Printer offline\n\nPlease restart the printer.\n";

    // When
    String reply = VisibleReply.fromText(mail);

    // Then
    assertThat(reply).isEqualTo(REPLY);
  }

  @Test
  void dropsRussianOutlookHeaderBlock() {
    // Given
    String mail =
        "Принтер снова работает, спасибо.\n\nОт: Служба поддержки <support@maker.example>\n"
            + "Отправлено: 3 марта 2025 г. 10:15\nКому: desk@partner.example\n"
            + "Тема: [#1042] Принтер недоступен\n\nПерезапустите принтер.\n";

    // When
    String reply = VisibleReply.fromText(mail);

    // Then
    assertThat(reply).isEqualTo("Принтер снова работает, спасибо.");
  }

  @Test
  void dropsHistoryBelowOriginalMessageSeparator() {
    // Given
    String mail =
        REPLY
            + "\n\n-----Original Message-----\nFrom: Maker Support\nSent: Monday\n\n"
            + "Please restart the printer.";

    // When
    String reply = VisibleReply.fromText(mail);

    // Then
    assertThat(reply).isEqualTo(REPLY);
  }

  @Test
  void dropsHistoryBelowRussianOriginalMessageSeparator() {
    // Given
    String mail =
        "Работает.\n\n-----Исходное сообщение-----\nПерезапустите принтер.\n\nСлужба поддержки";

    // When
    String reply = VisibleReply.fromText(mail);

    // Then
    assertThat(reply).isEqualTo("Работает.");
  }

  @Test
  void dropsYandexQuoteLedByDateAndAddress() {
    // Given
    String mail =
        "Работает.\n\n03.03.2025, 10:15, \"Служба поддержки\" <support@maker.example>:\n"
            + "> Перезапустите принтер.\n";

    // When
    String reply = VisibleReply.fromText(mail);

    // Then
    assertThat(reply).isEqualTo("Работает.");
  }

  @Test
  void dropsMailRuQuoteLedByWeekdayDateAndAddress() {
    // Given
    String mail =
        "Работает.\n\n\nПонедельник, 3 марта 2025, 10:15 +03:00 от Служба поддержки"
            + " <support@maker.example>:\n\nПерезапустите принтер.\n";

    // When
    String reply = VisibleReply.fromText(mail);

    // Then
    assertThat(reply).isEqualTo("Работает.");
  }

  @Test
  void dropsRussianQuoteBelowPishetLine() {
    // Given
    String mail =
        "Работает.\n\n3 марта 2025 г., в 10:15, Служба поддержки <support@maker.example>"
            + " пишет:\n> Перезапустите принтер.\n";

    // When
    String reply = VisibleReply.fromText(mail);

    // Then
    assertThat(reply).isEqualTo("Работает.");
  }

  @Test
  void dropsUkrainianQuoteBelowNapysavLine() {
    // Given
    String mail =
        "Працює, дякую.\n\nпн, 3 бер. 2025 р. о 10:15 Служба підтримки <support@maker.example>"
            + " написав:\n\n> Перезапустіть принтер.\n";

    // When
    String reply = VisibleReply.fromText(mail);

    // Then
    assertThat(reply).isEqualTo("Працює, дякую.");
  }

  @Test
  void dropsGermanQuoteBelowSchriebLine() {
    // Given
    String mail =
        "Funktioniert wieder.\n\nAm 03.03.2025 um 10:15 schrieb Maker Support:\n"
            + "> Bitte den Drucker neu starten.\n";

    // When
    String reply = VisibleReply.fromText(mail);

    // Then
    assertThat(reply).isEqualTo("Funktioniert wieder.");
  }

  @Test
  void dropsFrenchQuoteBelowAEcritLine() {
    // Given
    String mail =
        "Ça marche.\n\nLe lun. 3 mars 2025 à 10:15, Maker Support <support@maker.example>\n"
            + "a écrit :\n\n> Redémarrez l'imprimante.\n";

    // When
    String reply = VisibleReply.fromText(mail);

    // Then
    assertThat(reply).isEqualTo("Ça marche.");
  }

  @Test
  void dropsPolishQuoteBelowNapisalLine() {
    // Given
    String mail =
        "Działa.\n\nW dniu 3.03.2025 o 10:15, Maker Support <support@maker.example> napisał:\n"
            + "> Proszę zrestartować drukarkę.\n";

    // When
    String reply = VisibleReply.fromText(mail);

    // Then
    assertThat(reply).isEqualTo("Działa.");
  }

  @Test
  void dropsDutchQuoteBelowSchreefLine() {
    // Given
    String mail =
        "Werkt weer.\n\nOp 3 mrt. 2025 om 10:15 schreef Maker Support <support@maker.example>:\n\n"
            + "Start de printer opnieuw.\n";

    // When
    String reply = VisibleReply.fromText(mail);

    // Then
    assertThat(reply).isEqualTo("Werkt weer.");
  }

  @Test
  void dropsSwedishQuoteBelowSkrevLine() {
    // Given
    String mail =
        "Fungerar nu.\n\nDen 3 mars 2025 kl. 10:15 skrev Maker Support <support@maker.example>:\n"
            + "> Starta om skrivaren.\n";

    // When
    String reply = VisibleReply.fromText(mail);

    // Then
    assertThat(reply).isEqualTo("Fungerar nu.");
  }

  @Test
  void dropsOutlookHeaderBlockWithBoldFieldNames() {
    // Given
    String mail =
        REPLY
            + "\n\n ------------------------------\n\n*From:* Maker Support"
            + " [mailto:support@maker.example]\n*Sent:* Monday, March 3, 2025 10:15 AM\n"
            + "*To:* desk@partner.example\n*Subject:* Printer offline\n\nPlease restart it.";

    // When
    String reply = VisibleReply.fromText(mail);

    // Then
    assertThat(reply).isEqualTo(REPLY);
  }

  @Test
  void dropsGermanOutlookHeaderBlock() {
    // Given
    String mail =
        "Funktioniert wieder.\n\nVon: Maker Support <support@maker.example>\n"
            + "Gesendet: Montag, 3. März 2025 10:15\nAn: desk@partner.example\n"
            + "Betreff: Drucker offline\n\nBitte neu starten.";

    // When
    String reply = VisibleReply.fromText(mail);

    // Then
    assertThat(reply).isEqualTo("Funktioniert wieder.");
  }

  @Test
  void keepsDateAndSubjectLinesThePartnerWrote() {
    // Given
    String mail =
        "New fault:\nDate: 3 March 2025\nSubject: pump P-7 leaks\n\nPlease send a technician.";

    // When
    String reply = VisibleReply.fromText(mail);

    // Then
    assertThat(reply).isEqualTo(mail);
  }

  @Test
  void dropsAndroidDashedWroteLine() {
    // Given
    String mail = REPLY + "\n\n---- Maker Support wrote ----\n\n> Please restart the printer.\n";

    // When
    String reply = VisibleReply.fromText(mail);

    // Then
    assertThat(reply).isEqualTo(REPLY);
  }

  @Test
  void dropsAttributionGluedToTheEndOfAReplyLine() {
    // Given
    String mail =
        "Works.\nThanks--- On Mon, Mar 3, 2025 at 10:15 AM, support@maker.example wrote:\n> Hi";

    // When
    String reply = VisibleReply.fromText(mail);

    // Then
    assertThat(reply).isEqualTo("Works.\nThanks");
  }

  @Test
  void keepsSingleQuoteMarkLineBetweenTextLines() {
    // Given
    String mail = "Visit us for help:\n>>> http://help.partner.example <<<\nThat page lists it.";

    // When
    String reply = VisibleReply.fromText(mail);

    // Then
    assertThat(reply).isEqualTo(mail);
  }

  @Test
  void dropsRegardsSignOffBlock() {
    // Given
    String mail = REPLY + "\n\nBest regards,\nAnna Berg\nService Desk, Partner GmbH";

    // When
    String reply = VisibleReply.fromText(mail);

    // Then
    assertThat(reply).isEqualTo(REPLY);
  }

  @Test
  void dropsGetOutlookForIosTrailerAndHistoryBelowIt() {
    // Given
    String mail =
        REPLY
            + "\n\nGet Outlook for iOS<https://aka.ms/o0ukef>\n________________________________\n"
            + "From: Maker Support <support@maker.example>\nSent: Monday\n\nRestart it.";

    // When
    String reply = VisibleReply.fromText(mail);

    // Then
    assertThat(reply).isEqualTo(REPLY);
  }

  @Test
  void dropsQuotedLinesWithoutHeader() {
    // Given
    String mail = REPLY + "\n\n> Please restart the printer.\n> Maker Support\n";

    // When
    String reply = VisibleReply.fromText(mail);

    // Then
    assertThat(reply).isEqualTo(REPLY);
  }

  @Test
  void keepsAnswerWrittenBetweenQuotes() {
    // Given
    String mail =
        "Hi,\nOn Mon, 3 Mar 2025 at 10:15, Maker Support <support@maker.example> wrote:\n"
            + "> Did you restart it?\n> Which firmware?\n\nYes, twice. Firmware 2.1.\n\n"
            + "> Maker Support\n";

    // When
    String reply = VisibleReply.fromText(mail);

    // Then
    assertThat(reply).isEqualTo("Hi,\nYes, twice. Firmware 2.1.");
  }

  @Test
  void dropsSignatureBelowDashDashDelimiter() {
    // Given
    String mail = REPLY + "\n\n-- \nAnna Berg\nPartner Desk, +49 30 1234567\n";

    // When
    String reply = VisibleReply.fromText(mail);

    // Then
    assertThat(reply).isEqualTo(REPLY);
  }

  @Test
  void dropsSentFromMyIphoneTrailer() {
    // Given
    String mail = REPLY + "\n\nSent from my iPhone\n";

    // When
    String reply = VisibleReply.fromText(mail);

    // Then
    assertThat(reply).isEqualTo(REPLY);
  }

  @Test
  void dropsRussianSentFromTrailer() {
    // Given
    String mail = "Работает.\n\nОтправлено из мобильной Почты Mail.ru\n";

    // When
    String reply = VisibleReply.fromText(mail);

    // Then
    assertThat(reply).isEqualTo("Работает.");
  }

  @Test
  void keepsSentenceThatOnlyStartsLikeTrailer() {
    // Given
    String mail = REPLY + "\n\nSent from my desk, which is easier than my phone.";

    // When
    String reply = VisibleReply.fromText(mail);

    // Then
    assertThat(reply).isEqualTo(mail);
  }

  @Test
  void dropsEverythingFromOurReplyAboveMarker() {
    // Given
    String mail =
        REPLY + "\n\n" + VisibleReply.REPLY_ABOVE_MARKER + "\n\nTicket #1042 was updated.\n";

    // When
    String reply = VisibleReply.fromText(mail);

    // Then
    assertThat(reply).isEqualTo(REPLY);
  }

  @Test
  void dropsEverythingFromOurQuotedRussianMarker() {
    // Given
    String mail =
        "Работает.\n\n> " + VisibleReply.REPLY_ABOVE_MARKER_RU + "\n> Заявка #1042 обновлена.\n";

    // When
    String reply = VisibleReply.fromText(mail);

    // Then
    assertThat(reply).isEqualTo("Работает.");
  }

  @Test
  void returnsWholeTextWhenEverythingIsQuote() {
    // Given
    String mail =
        "\nOn Mon, 3 Mar 2025 at 10:15, Maker Support <support@maker.example> wrote:\n"
            + "> Please restart the printer.\n";

    // When
    String reply = VisibleReply.fromText(mail);

    // Then
    assertThat(reply).isEqualTo(mail.strip());
  }

  @Test
  void keepsForwardedMessage() {
    // Given
    String mail =
        "See the error report below.\n\n---------- Forwarded message ---------\n"
            + "From: Monitoring <alerts@partner.example>\nDate: Mon, 3 Mar 2025 at 10:15\n"
            + "Subject: Printer offline\n\nPrinter P-7 is offline.";

    // When
    String reply = VisibleReply.fromText(mail);

    // Then
    assertThat(reply).isEqualTo(mail);
  }

  @Test
  void keepsProseThatMentionsWriting() {
    // Given
    String mail = "On the other hand, the log says:\nSomething wrote:\nerror 42";

    // When
    String reply = VisibleReply.fromText(mail);

    // Then
    assertThat(reply).isEqualTo(mail);
  }

  @Test
  void readsWindowsLineEnds() {
    // Given
    String mail = "Works.\r\n\r\nOn 03.03.2025 10:15, Maker Support wrote:\r\n> Restart it.\r\n";

    // When
    String reply = VisibleReply.fromText(mail);

    // Then
    assertThat(reply).isEqualTo("Works.");
  }

  @Test
  void returnsEmptyForNullOrBlank() {
    // When / Then
    assertThat(VisibleReply.fromText(null)).isEmpty();
    assertThat(VisibleReply.fromText(" \n ")).isEmpty();
  }

  @Test
  void htmlDropsGmailQuoteContainer() {
    // Given
    String html =
        "<div dir=\"ltr\">Works again.<div><br></div><div>Anna</div></div><br>"
            + "<div class=\"gmail_quote\"><div class=\"gmail_attr\">On Mon, 3 Mar 2025 at 10:15,"
            + " Maker Support &lt;support@maker.example&gt; wrote:<br></div>"
            + "<blockquote class=\"gmail_quote\">Please restart the printer.</blockquote></div>";

    // When
    String reply = VisibleReply.fromHtml(html);

    // Then
    assertThat(reply).isEqualTo("Works again.\n\nAnna");
  }

  @Test
  void htmlDropsOutlookReplyHeaderAndEverythingBelow() {
    // Given
    String html =
        "<div>Works again.</div><hr style=\"display:inline-block;width:98%\">"
            + "<div id=\"divRplyFwdMsg\"><b>From:</b> Maker Support<br><b>Sent:</b> Monday</div>"
            + "<div>Please restart the printer.</div>";

    // When
    String reply = VisibleReply.fromHtml(html);

    // Then
    assertThat(reply).isEqualTo("Works again.");
  }

  @Test
  void htmlDropsOutlookBorderTopHeaderAndEverythingBelow() {
    // Given
    String html =
        "<div class=WordSection1><p>Works again.</p><div><div style='border:none;"
            + "border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm'><p><b>От:</b> Служба"
            + " поддержки<br><b>Отправлено:</b> 3 марта 2025 г. 10:15</p></div></div>"
            + "<p>Перезапустите принтер.</p></div>";

    // When
    String reply = VisibleReply.fromHtml(html);

    // Then
    assertThat(reply).isEqualTo("Works again.");
  }

  @Test
  void htmlDropsYandexQuoteWithItsHeaderLine() {
    // Given
    String html =
        "<div>Работает.</div><div>&nbsp;</div><div>03.03.2025, 10:15, \"Служба поддержки\""
            + " &lt;support@maker.example&gt;:</div><blockquote>Перезапустите принтер.</blockquote>";

    // When
    String reply = VisibleReply.fromHtml(html);

    // Then
    assertThat(reply).isEqualTo("Работает.");
  }

  @Test
  void htmlDropsMailRuQuoteWithItsHeaderLine() {
    // Given
    String html =
        "<p>Работает.</p><br>Понедельник, 3 марта 2025, 10:15 +03:00 от Служба поддержки"
            + " &lt;support@maker.example&gt;:<br><blockquote style=\"border-left:1px solid"
            + " #0857A6\"><div>Перезапустите принтер.</div></blockquote>";

    // When
    String reply = VisibleReply.fromHtml(html);

    // Then
    assertThat(reply).isEqualTo("Работает.");
  }

  @Test
  void htmlDropsThunderbirdCitePrefixAndQuote() {
    // Given
    String html =
        "<body>Works again.<br><div class=\"moz-cite-prefix\">On 03.03.2025 10:15, Maker"
            + " Support wrote:<br></div><blockquote type=\"cite\">Restart it.</blockquote></body>";

    // When
    String reply = VisibleReply.fromHtml(html);

    // Then
    assertThat(reply).isEqualTo("Works again.");
  }

  @Test
  void htmlDropsOutlookForMacSourceSection() {
    // Given
    String html =
        "<div>Works again.</div><span id=\"OLK_SRC_BODY_SECTION\"><div><span>From: </span>Maker"
            + " Support<br><span>Date: </span>Mon, 3 Mar 2025</div><div>Restart it.</div></span>";

    // When
    String reply = VisibleReply.fromHtml(html);

    // Then
    assertThat(reply).isEqualTo("Works again.");
  }

  @Test
  void htmlDropsEverythingFromOurMarkerInHtml() {
    // Given
    String html =
        "<p>Works again.</p><p style=\"color:#999\">"
            + VisibleReply.REPLY_ABOVE_MARKER
            + "</p><p>Ticket #1042 was updated.</p>";

    // When
    String reply = VisibleReply.fromHtml(html);

    // Then
    assertThat(reply).isEqualTo("Works again.");
  }

  @Test
  void htmlReturnsWholeTextWhenEverythingIsQuote() {
    // Given
    String html = "<blockquote type=\"cite\">Please restart the printer.</blockquote>";

    // When
    String reply = VisibleReply.fromHtml(html);

    // Then
    assertThat(reply).isEqualTo("Please restart the printer.");
  }

  @Test
  void htmlIgnoresStylesAndScripts() {
    // Given
    String html =
        "<html><head><style>p {color: red}</style></head><body><style>.x{}</style>"
            + "<p>Works again.</p><script>alert(1)</script></body></html>";

    // When
    String reply = VisibleReply.fromHtml(html);

    // Then
    assertThat(reply).isEqualTo("Works again.");
  }

  @Test
  void htmlReturnsEmptyForNullOrBlank() {
    // When / Then
    assertThat(VisibleReply.fromHtml(null)).isEmpty();
    assertThat(VisibleReply.fromHtml("<html></html>")).isEmpty();
  }
}
