package io.deskbridge.connector.email;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The signs of an automatic answer (RFC 3834 and what mail systems do in practice): the header
 * fields auto-responders set, and the subjects out-of-office replies carry.
 *
 * <p>{@code X-Auto-Response-Suppress} is not taken as a sign on its own: it asks others not to
 * answer automatically and Outlook puts it on messages people write too (meeting replies, mail sent
 * through some Exchange paths), so alone it would hide real partner mail. It only supports an
 * out-of-office subject.
 */
final class AutoReplyMarks {

  private static final Pattern PRECEDENCE =
      Pattern.compile("(?i)\\s*(bulk|junk|list|auto_reply)\\b.*");

  private static final Pattern SUPPRESS = Pattern.compile("(?i).*\\b(all|oof|autoreply)\\b.*");

  private static final Pattern NULL_PATH = Pattern.compile("\\s*<\\s*>\\s*");

  private static final Pattern NEGATIVE = Pattern.compile("no|false|0");

  /** What mail programs put in front of the original subject; no person writes these. */
  private static final Pattern GENERATED_PREFIX =
      Pattern.compile(
          "(?iu)^\\s*(\\[\\s*)?(automatic reply|auto[- ]?reply|auto[- ]?response|autorespond"
              + "|automatische antwort|réponse automatique|respuesta automática|risposta automatica"
              + "|resposta automática|automatisch antwoord|odpowiedź automatyczna"
              + "|automatická odpověď|autosvar|автоответ|автоматический ответ|自動応答|自动回复)"
              + "\\s*(]|:)");

  private static final String OUT_OF_OFFICE_WORDS =
      "out of (the )?office|automatic reply|auto[- ]?reply|autoreply|abwesenheit\\w*"
          + "|abwesend|réponse automatique|absence|автоответ|нет на месте|вне офиса"
          + "|в отпуске|отсутств\\w*|on vacation|on leave|away from (the )?office"
          + "|fuera de la oficina|afwezig|assente|poza biurem";

  /** Out-of-office words a person might also use; they need a second sign. */
  private static final Pattern OUT_OF_OFFICE = Pattern.compile("(?iu)" + OUT_OF_OFFICE_WORDS);

  /** {@code Out of Office: <original subject>}, the form Notes and older Outlook answer with. */
  private static final Pattern OUT_OF_OFFICE_PREFIX =
      Pattern.compile("(?iu)^\\s*(" + OUT_OF_OFFICE_WORDS + ")\\s*:");

  private AutoReplyMarks() {}

  /** The evidence that the mail is an automatic answer, in words for ops; null when none. */
  static String reason(ParsedMail mail) {
    MailHeaders headers = mail.headers();
    String autoSubmitted = headers.first("Auto-Submitted");
    if (autoSubmitted != null
        && !autoSubmitted.isBlank()
        && !firstWord(autoSubmitted).equals("no")) {
      return "Auto-Submitted: " + autoSubmitted.strip();
    }
    for (String name : new String[] {"X-Autoreply", "X-Autorespond", "X-Autoresponse"}) {
      String value = headers.first(name);
      if (value != null && !NEGATIVE.matcher(firstWord(value)).matches()) {
        return name + ": " + value.strip();
      }
    }
    for (String name : new String[] {"Precedence", "X-Precedence"}) {
      String value = headers.first(name);
      if (value != null && PRECEDENCE.matcher(value).matches()) {
        return name + ": " + value.strip();
      }
    }
    return subjectReason(mail);
  }

  private static String subjectReason(ParsedMail mail) {
    String subject = mail.subject();
    if (subject.isBlank() || BounceMarks.isReplyOrForward(subject)) {
      return null;
    }
    if (GENERATED_PREFIX.matcher(subject).find()) {
      return "auto-reply subject '" + shorten(subject) + "'";
    }
    if (!OUT_OF_OFFICE.matcher(subject).find()) {
      return null;
    }
    String suppress = mail.headers().first("X-Auto-Response-Suppress");
    if (suppress != null && SUPPRESS.matcher(suppress).matches()) {
      return "out-of-office subject '"
          + shorten(subject)
          + "' with X-Auto-Response-Suppress: "
          + suppress.strip();
    }
    String returnPath = mail.headers().first("Return-Path");
    if (returnPath != null && NULL_PATH.matcher(returnPath).matches()) {
      return "out-of-office subject '" + shorten(subject) + "' with a null Return-Path";
    }
    // A person answering a message writes "Re:"; the out-of-office prefix on an answer is a
    // program.
    if (mail.inReplyTo() != null && OUT_OF_OFFICE_PREFIX.matcher(subject).find()) {
      return "out-of-office subject '" + shorten(subject) + "' in answer to a message";
    }
    return null;
  }

  private static String firstWord(String value) {
    String word = value.strip().toLowerCase(Locale.ROOT);
    int end = 0;
    while (end < word.length()
        && (Character.isLetterOrDigit(word.charAt(end))
            || word.charAt(end) == '-'
            || word.charAt(end) == '_')) {
      end++;
    }
    return word.substring(0, end);
  }

  static String shorten(String subject) {
    String s = subject.strip();
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
