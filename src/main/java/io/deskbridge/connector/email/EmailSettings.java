package io.deskbridge.connector.email;

import io.deskbridge.connector.ConnectorSettings;
import io.deskbridge.connector.SettingDefinition;
import io.deskbridge.connector.SettingProblem;
import io.deskbridge.connector.SettingType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The settings of one email partner, read once from its partner file: the mailbox the gateway
 * polls, the SMTP server it answers through, who may write for the partner, and the limits that
 * keep mail loops and oversized mail out.
 */
public record EmailSettings(
    MailServer imap,
    String folder,
    Duration pollInterval,
    Processed processed,
    String processedFolder,
    MailServer smtp,
    MailAddress address,
    List<String> senders,
    List<String> notifyAddresses,
    String language,
    boolean acknowledge,
    long autoMailDailyCap,
    long maxMessageBytes,
    long maxAttachmentBytes) {

  /** How a server is reached: host, port, transport security and credentials. */
  public record MailServer(
      String host, int port, Security security, String username, String password) {

    @Override
    public String toString() {
      return username
          + "@"
          + host
          + ":"
          + port
          + " ("
          + security.name().toLowerCase(Locale.ROOT)
          + ")";
    }
  }

  /** Transport security of a mail server connection. */
  public enum Security {
    TLS,
    STARTTLS,
    NONE
  }

  /** What the gateway does with a message once it has taken it. */
  public enum Processed {
    SEEN,
    MOVE,
    DELETE
  }

  private static final Pattern ADDRESS = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern SENDER =
      Pattern.compile("(\\*?@[^@\\s]+\\.[^@\\s]+|" + ADDRESS + ")");

  static final List<SettingDefinition> DEFINITIONS =
      List.of(
          SettingDefinition.required(
              "address",
              SettingType.STRING,
              "the support address partners write to; our mail comes from it"),
          SettingDefinition.required(
              "senders",
              SettingType.LIST,
              "who writes for this partner: addresses (ops@acme.example) or whole domains"
                  + " (@acme.example); mail from anyone else is quarantined"),
          SettingDefinition.required("imapHost", SettingType.STRING, "the IMAP server to poll"),
          SettingDefinition.optional(
              "imapPort", SettingType.INTEGER, 993, "IMAP port; 993 with tls, 143 otherwise"),
          SettingDefinition.optional(
              "imapSecurity", SettingType.STRING, "tls", "tls, starttls or none"),
          SettingDefinition.required("imapUser", SettingType.STRING, "the mailbox's login"),
          SettingDefinition.secret(
              "imapPassword", true, "the mailbox's password: ${ENV_VAR} or file:/path"),
          SettingDefinition.optional("folder", SettingType.STRING, "INBOX", "the folder to poll"),
          SettingDefinition.optional(
              "pollInterval", SettingType.DURATION, "30s", "how often the mailbox is polled"),
          SettingDefinition.optional(
              "processed",
              SettingType.STRING,
              "seen",
              "what happens to a taken message: seen (marked read), move (to processedFolder) or"
                  + " delete; never delete unless you keep a copy elsewhere"),
          SettingDefinition.optional(
              "processedFolder", SettingType.STRING, null, "the folder processed mail moves to"),
          SettingDefinition.required("smtpHost", SettingType.STRING, "the SMTP server to send by"),
          SettingDefinition.optional(
              "smtpPort", SettingType.INTEGER, 587, "SMTP port; 465 with tls, 587 with starttls"),
          SettingDefinition.optional(
              "smtpSecurity", SettingType.STRING, "starttls", "tls, starttls or none"),
          SettingDefinition.optional(
              "smtpUser", SettingType.STRING, null, "SMTP login; none means no authentication"),
          SettingDefinition.secret(
              "smtpPassword", false, "SMTP password: ${ENV_VAR} or file:/path"),
          SettingDefinition.optional(
              "notify",
              SettingType.LIST,
              null,
              "addresses that get the manufacturer's answers when a ticket has no requester"
                  + " address"),
          SettingDefinition.optional(
              "language", SettingType.STRING, "en", "language of our mail: en or ru"),
          SettingDefinition.optional(
              "acknowledge",
              SettingType.BOOLEAN,
              true,
              "answer a new ticket by mail with its reference"),
          SettingDefinition.optional(
              "autoMailDailyCap",
              SettingType.INTEGER,
              10,
              "at most this many automatic mails (acknowledgements) per address and day"),
          SettingDefinition.optional(
              "maxMessageBytes", SettingType.INTEGER, 26_214_400, "largest message taken"),
          SettingDefinition.optional(
              "maxAttachmentBytes", SettingType.INTEGER, 20_971_520, "largest attachment taken"));

  /** Every problem of the cross-field rules the declarations alone cannot state. */
  static List<SettingProblem> check(ConnectorSettings settings) {
    List<SettingProblem> problems = new ArrayList<>();
    String address = settings.string("address", null);
    if (address != null && !ADDRESS.matcher(address.strip()).matches()) {
      problems.add(new SettingProblem("address", "'" + address + "' is not a mail address"));
    }
    if (settings.raw("senders") instanceof List<?> senders) {
      if (senders.isEmpty()) {
        problems.add(new SettingProblem("senders", "name at least one address or @domain"));
      }
      for (Object sender : senders) {
        if (!(sender instanceof String s) || !SENDER.matcher(s.strip()).matches()) {
          problems.add(
              new SettingProblem("senders", "'" + sender + "' is neither an address nor @domain"));
        }
      }
    }
    if (settings.raw("notify") instanceof List<?> notify) {
      for (Object to : notify) {
        if (!(to instanceof String s) || !ADDRESS.matcher(s.strip()).matches()) {
          problems.add(new SettingProblem("notify", "'" + to + "' is not a mail address"));
        }
      }
    }
    security(settings, "imapSecurity", problems);
    security(settings, "smtpSecurity", problems);
    String processed = settings.string("processed", "seen");
    if (!List.of("seen", "move", "delete").contains(processed)) {
      problems.add(
          new SettingProblem("processed", "'" + processed + "' is not seen, move or delete"));
    } else if (processed.equals("move") && settings.string("processedFolder", null) == null) {
      problems.add(new SettingProblem("processedFolder", "is required when processed is move"));
    }
    String language = settings.string("language", "en");
    if (!MailTemplates.LANGUAGES.contains(language)) {
      problems.add(
          new SettingProblem(
              "language",
              "'"
                  + language
                  + "' has no templates; use "
                  + String.join(" or ", MailTemplates.LANGUAGES)));
    }
    return problems;
  }

  private static void security(ConnectorSettings settings, String name, List<SettingProblem> out) {
    String value = settings.string(name, null);
    if (value != null && !List.of("tls", "starttls", "none").contains(value)) {
      out.add(new SettingProblem(name, "'" + value + "' is not tls, starttls or none"));
    }
  }

  /** Reads settings that passed {@link #check}. */
  static EmailSettings of(ConnectorSettings settings) {
    Security imapSecurity = securityOf(settings.string("imapSecurity", "tls"));
    Security smtpSecurity = securityOf(settings.string("smtpSecurity", "starttls"));
    return new EmailSettings(
        new MailServer(
            settings.string("imapHost", null),
            (int) settings.number("imapPort", imapSecurity == Security.TLS ? 993 : 143),
            imapSecurity,
            settings.string("imapUser", null),
            settings.string("imapPassword", null)),
        settings.string("folder", "INBOX"),
        settings.duration("pollInterval", Duration.ofSeconds(30)),
        Processed.valueOf(settings.string("processed", "seen").toUpperCase(Locale.ROOT)),
        settings.string("processedFolder", null),
        new MailServer(
            settings.string("smtpHost", null),
            (int) settings.number("smtpPort", smtpSecurity == Security.TLS ? 465 : 587),
            smtpSecurity,
            settings.string("smtpUser", null),
            settings.string("smtpPassword", null)),
        new MailAddress(settings.string("address", null), null),
        strings(settings.raw("senders")),
        strings(settings.raw("notify")),
        settings.string("language", "en"),
        settings.flag("acknowledge", true),
        settings.number("autoMailDailyCap", 10),
        settings.number("maxMessageBytes", 26_214_400),
        settings.number("maxAttachmentBytes", 20_971_520));
  }

  private static Security securityOf(String value) {
    return Security.valueOf(value.toUpperCase(Locale.ROOT));
  }

  private static List<String> strings(Object value) {
    List<String> out = new ArrayList<>();
    if (value instanceof List<?> list) {
      for (Object item : list) {
        out.add(String.valueOf(item).strip().toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }

  /** The mailbox this partner's mail arrives in; partners with the same one share its poller. */
  MailboxKey mailbox() {
    return new MailboxKey(
        imap.host().toLowerCase(Locale.ROOT), imap.port(), imap.username(), folder);
  }

  /** How specifically this partner names a sender: 2 for the address, 1 for its domain, else 0. */
  int claims(MailAddress sender) {
    int best = 0;
    for (String allowed : senders) {
      if (allowed.equals(sender.address())) {
        return 2;
      }
      String domain =
          allowed.startsWith("*@")
              ? allowed.substring(2)
              : allowed.startsWith("@") ? allowed.substring(1) : null;
      if (domain != null && domain.equals(sender.domain())) {
        best = 1;
      }
    }
    return best;
  }

  @Override
  public String toString() {
    return "EmailSettings[imap="
        + imap
        + ", folder="
        + folder
        + ", smtp="
        + smtp
        + ", address="
        + address
        + "]";
  }
}
