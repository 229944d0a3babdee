package io.deskbridge.connector.email;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Recognises the lines mail clients put above quoted history: attribution lines ("On … wrote:", "…
 * пишет:"), Outlook-style header blocks ("From:/Sent:", "От:/Отправлено:") and "Original Message"
 * separators.
 */
final class QuoteHeaders {

  /** Clients wrap a long attribution line; Polymail and Apple Mail spread it over up to six. */
  private static final int MAX_ATTRIBUTION_LINES = 6;

  /** Longer candidates are prose, and skipping them keeps every regex away from huge lines. */
  private static final int MAX_HEADER_CHARS = 400;

  private static final int MAX_FIELD_BLOCK_LINES = 10;

  /** Room for the longest field name with indent, bold stars and spaces before its colon. */
  private static final int MAX_FIELD_NAME_CHARS = 32;

  /** Room for an address with the colon after it. */
  private static final int TAIL_CHARS = 160;

  private static final String SPACE = "[\\s\\u00a0\\u200e\\u200f]";

  /**
   * The verbs clients end an attribution with, in the languages our partners write, compared
   * ignoring case at the end of the line: a regex searched from every position cost too much for a
   * check that runs on most lines of every mail.
   */
  private static final List<String> ATTRIBUTION_VERBS =
      List.of(
          "wrote",
          "writes",
          "sent",
          "a écrit",
          "a ecrit",
          "écrit",
          "ecrit",
          "schrieb",
          "schreef",
          "geschreven",
          "escribió",
          "escribio",
          "escrit",
          "scritto",
          "scrisse",
          "escreveu",
          "napisał",
          "napisała",
          "napisal",
          "napisala",
          "napisał(a)",
          "pisze",
          "skrev",
          "skriver",
          "kirjoitti",
          "írta",
          "irta",
          "пишет",
          "писал",
          "написал",
          "написала",
          "написав",
          "napsal",
          "napísal",
          "yazdı",
          "yazdi",
          "έγραψε",
          "写道",
          "작성",
          "のメッセージ",
          "đã viết");

  /** The same verbs anywhere in the line, for "Am 25.06.2015 um 10:55 schrieb Name:". */
  private static final Pattern ATTRIBUTION_VERB =
      Pattern.compile(
          "(?<!\\p{L})(?:wrote|schrieb|schreef|escribió|scrisse|skrev|napisał|napisała|пишет"
              + "|написал|написала|написав|kirjoitti|írta|a écrit|escreveu)(?!\\p{L})",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  /** Gmail in many languages and Yandex/Mail.ru end the attribution with the address and ":". */
  private static final Pattern ADDRESS_END =
      Pattern.compile("@[^\\s<>]*>*\\)?" + SPACE + "*[:：]" + SPACE + "*$");

  /** Gmail's older date-led attribution has no colon: "2011/4/7 Name <a@b.c>". */
  private static final Pattern DATE_LED_ADDRESS =
      Pattern.compile("^" + SPACE + "*\\d{4}[/.-]\\d{1,2}[/.-]\\d{1,2}\\b.*<[^<>\\s]+@[^<>\\s]+>$");

  private static final Pattern LEAD_WORD =
      Pattern.compile(
          "^(?:On|Le|Am|El|Il|Op|Em|Den|På|W dniu|Dnia|Dne|Vào|В|У|Às|Kun|Dňa|Dana)" + SPACE,
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  private static final Pattern TIME = Pattern.compile("\\d{1,2}[:.]\\d{2}");

  private static final Pattern LEADING_DASHES = Pattern.compile("^" + SPACE + "*-+" + SPACE + "*");

  /** Dashes that glue an attribution onto the end of a reply line ("bla--- On … wrote:"). */
  private static final Pattern GLUED_DASHES = Pattern.compile("-{2,}" + SPACE + "*(?=\\S)");

  /** A field of a header block, optionally bold ("*From:*"), in the clients' languages. */
  private static final Pattern FIELD =
      Pattern.compile(
          "^"
              + SPACE
              + "*\\*?(From|Sent|To|Cc|Subject|Date|Reply-To|Von|Gesendet|An|Betreff|Datum"
              + "|De|Envoy[ée]|Envoy[ée] le|À|A|Objet|Copie à|Message du|Enviado|Enviada|Para"
              + "|Asunto|Assunto|Fecha|Da|Inviato|Oggetto|Data|Van|Verzonden|Aan|Onderwerp|Fra"
              + "|Sendt|Til|Emne|Dato|Från|Skickat|Till|Ämne|Od|Wysłano|Wys[łl]ane|Do|Temat|От"
              + "|Отправлено|Кому|Тема|Дата|Копия|Від|Надіслано|Lähettäjä|Lähetetty"
              + "|Vastaanottaja|Aihe|Päivämäärä|Feladó|Elküldve|Címzett|Tárgy|Kimden|Gönderildi"
              + "|Kime|Konu|Odesláno|Komu|Předmět|发件人|发送时间|收件人|抄送|主题|日期|寄件者|差出人"
              + "|送信日時|宛先|件名|보낸 사람|보낸 날짜|받는 사람|제목)"
              + SPACE
              + "*\\*?"
              + SPACE
              + "*[:：]",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  /** Fields a header block may start with: who wrote it, or when. */
  private static final Pattern OPENING_FIELD =
      Pattern.compile(
          "from|sent|date|von|gesendet|datum|de|envoy[ée]|message du|da|van|fra|från|od|от"
              + "|відправлено|від|lähettäjä|feladó|kimden|data|dato|fecha|enviado|inviato|发件人"
              + "|发送时间|日期|寄件者|差出人|送信日時|보낸 사람|보낸 날짜",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  /** Fields that name who wrote the quoted message. */
  private static final Pattern SENDER_FIELD =
      Pattern.compile(
          "from|von|de|da|van|fra|från|od|от|від|lähettäjä|feladó|kimden|message du|发件人|寄件者"
              + "|差出人|보낸 사람",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  /** "-----Original Message-----" and its translations, in any dash or underscore frame. */
  private static final Pattern FRAMED =
      Pattern.compile(
          "^"
              + SPACE
              + "*[-=_*]{2,}"
              + SPACE
              + "*([^-=_*]{3,60}?)"
              + SPACE
              + "*[-=_*]{2,}"
              + SPACE
              + "*$");

  private static final List<String> ORIGINAL_MESSAGE =
      List.of(
          "original message",
          "original",
          "исходное сообщение",
          "оригинальное сообщение",
          "ursprüngliche nachricht",
          "original-nachricht",
          "message d'origine",
          "message d’origine",
          "mensaje original",
          "messaggio originale",
          "oorspronkelijk bericht",
          "oprindelig besked",
          "oprindelig meddelelse",
          "opprinnelig melding",
          "ursprungligt meddelande",
          "oryginalna wiadomość",
          "původní zpráva",
          "alkuperäinen viesti",
          "eredeti üzenet",
          "orijinal mesaj",
          "mensagem original",
          "вихідне повідомлення",
          "оригінальне повідомлення",
          "reply message");

  private static final List<String> FORWARDED =
      List.of(
          "forwarded message",
          "forwarded",
          "weitergeleitete nachricht",
          "пересылаемое сообщение",
          "переслане повідомлення",
          "message transféré",
          "mensaje reenviado",
          "messaggio inoltrato",
          "doorgestuurd bericht",
          "przekazana wiadomość",
          "videresendt",
          "vidarebefordrat");

  private QuoteHeaders() {}

  /**
   * How many lines the quote header starting at {@code index} spans, or 0 when that line starts no
   * quote header.
   */
  static int headerAt(List<String> lines, int index) {
    String line = lines.get(index);
    if (line.isBlank() || line.length() > MAX_HEADER_CHARS) {
      return 0;
    }
    if (isSeparator(line)) {
      return 1;
    }
    if (isFieldBlock(lines, index)) {
      return fieldBlockLength(lines, index);
    }
    return attributionLength(lines, index);
  }

  /** Whether the text opens with a header field such as "From:" or "От:". */
  static boolean startsWithField(String text) {
    return mayBeField(text) && FIELD.matcher(text).lookingAt();
  }

  /**
   * Cheap tests that turn most lines away before a regex runs: this runs for every line of every
   * mail, and a field name is short, so its colon comes early.
   */
  private static boolean mayBeField(String line) {
    int limit = Math.min(line.length(), MAX_FIELD_NAME_CHARS);
    for (int i = 0; i < limit; i++) {
      char c = line.charAt(i);
      if (c == ':' || c == '：') {
        return true;
      }
    }
    return false;
  }

  private static boolean startsWithRuleCharacter(String line) {
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (!Character.isWhitespace(c) && c != '\u00a0') {
        return c == '-' || c == '=' || c == '_' || c == '*';
      }
    }
    return false;
  }

  /**
   * Whether the line announces a forwarded message, which is content the partner wants us to read.
   */
  static boolean isForwardMarker(String line) {
    if (line.length() > MAX_HEADER_CHARS || !startsWithRuleCharacter(line)) {
      return false;
    }
    var framed = FRAMED.matcher(line);
    return framed.matches() && containsAny(framed.group(1), FORWARDED);
  }

  /**
   * Where an attribution glued onto the end of a reply line begins ("reply--- On … wrote:"), or -1
   * when there is none.
   */
  static int gluedAttributionStart(String line) {
    if (line.length() > MAX_HEADER_CHARS || !line.contains("--")) {
      return -1;
    }
    var dashes = GLUED_DASHES.matcher(line);
    while (dashes.find()) {
      if (dashes.start() > 0
          && !line.substring(0, dashes.start()).isBlank()
          && isAttribution(line.substring(dashes.start()))) {
        return dashes.start();
      }
    }
    return -1;
  }

  private static boolean isSeparator(String line) {
    if (!startsWithRuleCharacter(line)) {
      return false;
    }
    var framed = FRAMED.matcher(line);
    return framed.matches() && containsAny(framed.group(1), ORIGINAL_MESSAGE);
  }

  private static boolean containsAny(String words, List<String> phrases) {
    String lower = words.strip().toLowerCase(Locale.ROOT);
    for (String phrase : phrases) {
      if (lower.equals(phrase) || (phrase.length() > 8 && lower.contains(phrase))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isFieldBlock(List<String> lines, int index) {
    if (!mayBeField(lines.get(index))) {
      return false;
    }
    var first = FIELD.matcher(lines.get(index));
    if (!first.lookingAt() || !OPENING_FIELD.matcher(first.group(1)).matches()) {
      return false;
    }
    return fieldBlockLength(lines, index) > 0;
  }

  /**
   * The block's length when at least two fields sit in it and it names a sender or an address, else
   * 0: a partner may well list "Date:" and "Subject:" of their own.
   */
  private static int fieldBlockLength(List<String> lines, int index) {
    int fields = 0;
    int end = index;
    boolean sender = false;
    boolean address = false;
    int limit = Math.min(lines.size(), index + MAX_FIELD_BLOCK_LINES);
    for (int i = index; i < limit; i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        // A blank line may only separate the block from what it introduces.
        if (fields >= 2) {
          break;
        }
        continue;
      }
      var field = mayBeField(line) ? FIELD.matcher(line) : null;
      if (field != null && field.lookingAt()) {
        fields++;
        end = i;
        sender |= SENDER_FIELD.matcher(field.group(1)).matches();
      } else if (fields >= 2 && i > end + 1) {
        break;
      }
      address |= line.indexOf('@') >= 0;
    }
    return fields >= 2 && (sender || address) ? end - index + 1 : 0;
  }

  /** How many lines an attribution starting here spans, or 0. */
  private static int attributionLength(List<String> lines, int index) {
    String first = lines.get(index);
    if (isAttribution(first) || isDateLedAddress(lines, index)) {
      return 1;
    }
    if (!mayStartWrappedAttribution(first)) {
      return 0;
    }
    var joined = new StringBuilder(first.strip());
    int limit = Math.min(lines.size(), index + MAX_ATTRIBUTION_LINES);
    for (int i = index + 1; i < limit; i++) {
      String next = lines.get(i).strip();
      if (!next.isEmpty()) {
        joined.append(' ').append(next);
      }
      if (joined.length() > MAX_HEADER_CHARS) {
        return 0;
      }
      if (!next.isEmpty() && isAttribution(next) && mayStartWrappedAttribution(next)) {
        // The attribution starts on that later line, not here.
        return 0;
      }
      if (!next.isEmpty() && isAttribution(joined.toString())) {
        return i - index + 1;
      }
    }
    return 0;
  }

  /** A wrapped attribution starts like one and is no finished sentence. */
  private static boolean mayStartWrappedAttribution(String line) {
    String stripped = line.strip();
    if (stripped.startsWith(">")
        || stripped.endsWith(".")
        || stripped.endsWith("!")
        || stripped.endsWith("?")) {
      return false;
    }
    String undashed = LEADING_DASHES.matcher(stripped).replaceFirst("");
    return LEAD_WORD.matcher(undashed).lookingAt() || TIME.matcher(undashed).find();
  }

  static boolean isAttribution(String candidate) {
    String text = candidate.strip();
    if (text.isEmpty() || text.length() > MAX_HEADER_CHARS || text.startsWith(">")) {
      return false;
    }
    boolean address = text.indexOf('@') >= 0;
    // Both endings are short, so only the tail is searched; an unanchored search from every
    // position of a long line would cost far more.
    String tail = text.length() > TAIL_CHARS ? text.substring(text.length() - TAIL_CHARS) : text;
    if (!mayEndAttribution(text)) {
      return false;
    }
    if (endsWithAttributionVerb(text)) {
      boolean lead =
          address
              || LEAD_WORD.matcher(text).lookingAt()
              || LEADING_DASHES.matcher(text).lookingAt();
      // Without a colon "wrote" ends ordinary sentences too, so a time alone is no proof then.
      return lead || (endsWithColon(text) && TIME.matcher(text).find());
    }
    if (endsWithColon(text)
        && LEAD_WORD.matcher(text).lookingAt()
        && TIME.matcher(text).find()
        && ATTRIBUTION_VERB.matcher(text).find()) {
      return true;
    }
    return address && ADDRESS_END.matcher(tail).find() && containsDigit(text);
  }

  private static boolean isDateLedAddress(List<String> lines, int index) {
    String line = lines.get(index);
    if (line.isEmpty() || !Character.isDigit(line.stripLeading().charAt(0))) {
      return false;
    }
    if (!DATE_LED_ADDRESS.matcher(lines.get(index).strip()).find()) {
      return false;
    }
    for (int i = index + 1; i < lines.size(); i++) {
      if (!lines.get(i).isBlank()) {
        return lines.get(i).stripLeading().startsWith(">");
      }
    }
    return false;
  }

  /** Whether the text ends with an attribution verb, then maybe a colon and dashes. */
  private static boolean endsWithAttributionVerb(String text) {
    int end = skipBack(text, text.length(), true);
    boolean colon = end > 0 && (text.charAt(end - 1) == ':' || text.charAt(end - 1) == '：');
    if (colon) {
      end = skipBack(text, end - 1, false);
    }
    for (String verb : ATTRIBUTION_VERBS) {
      int start = end - verb.length();
      if (start >= 0
          && text.regionMatches(true, start, verb, 0, verb.length())
          && (start == 0 || !Character.isLetter(text.charAt(start - 1)))
          && (colon || !verb.equals("sent"))) {
        return true;
      }
    }
    return false;
  }

  /** The index before trailing blanks, and dashes when asked, that end at {@code end}. */
  private static int skipBack(String text, int end, boolean dashes) {
    int i = end;
    while (i > 0) {
      char c = text.charAt(i - 1);
      if (Character.isWhitespace(c)
          || c == '\u00a0'
          || c == '\u200e'
          || c == '\u200f'
          || (dashes && c == '-')) {
        i--;
      } else {
        break;
      }
    }
    return i;
  }

  /** Attributions end in a colon, a verb or dashes; most prose lines end otherwise. */
  private static boolean mayEndAttribution(String text) {
    char last = text.charAt(text.length() - 1);
    return last == ':' || last == '：' || last == '-' || last == ')' || Character.isLetter(last);
  }

  private static boolean endsWithColon(String text) {
    char last = text.charAt(text.length() - 1);
    return last == ':' || last == '：';
  }

  private static boolean containsDigit(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isDigit(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}
