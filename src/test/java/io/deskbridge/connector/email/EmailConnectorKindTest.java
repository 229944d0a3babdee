package io.deskbridge.connector.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.deskbridge.connector.ConnectorKind;
import io.deskbridge.connector.ConnectorKindContract;
import io.deskbridge.connector.ConnectorSettings;
import io.deskbridge.connector.SettingProblem;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code email} kind keeps the contract of every kind, with GreenMail as its SMTP server, and
 * refuses settings that could not work with a reason naming the setting.
 */
class EmailConnectorKindTest extends ConnectorKindContract {

  static GreenMail smtp;

  @BeforeAll
  static void startSmtp() {
    smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    smtp.start();
  }

  @AfterAll
  static void stopSmtp() {
    smtp.stop();
  }

  @Override
  protected ConnectorKind kind() {
    return new EmailConnectorKind();
  }

  @Override
  protected Map<String, Object> validSettings() {
    Map<String, Object> settings = new HashMap<>();
    settings.put("address", "support@maker.example");
    settings.put("senders", List.of("@partner.example", "boss@gmail.example"));
    settings.put("imapHost", "127.0.0.1");
    settings.put("imapUser", "support@maker.example");
    settings.put("imapPassword", "mailbox-secret");
    settings.put("smtpHost", "127.0.0.1");
    settings.put("smtpPort", smtp.getSmtp().getPort());
    settings.put("smtpSecurity", "none");
    settings.put("notify", List.of("desk@partner.example"));
    return settings;
  }

  private List<String> problemsWith(String name, Object value) {
    Map<String, Object> settings = new HashMap<>(validSettings());
    settings.put(name, value);
    return kind().validate(new ConnectorSettings(settings)).stream()
        .map(p -> p.setting() + ": " + p.message())
        .toList();
  }

  @Test
  void addressThatIsNoMailAddressIsRefused() {
    assertThat(problemsWith("address", "support-at-maker"))
        .containsExactly("address: 'support-at-maker' is not a mail address");
  }

  @Test
  void senderThatIsNeitherAddressNorDomainIsRefused() {
    assertThat(problemsWith("senders", List.of("@partner.example", "partner")))
        .containsExactly("senders: 'partner' is neither an address nor @domain");
  }

  @Test
  void partnerWithoutSendersIsRefused() {
    assertThat(problemsWith("senders", List.of()))
        .containsExactly("senders: name at least one address or @domain");
  }

  @Test
  void movingProcessedMailNeedsAFolder() {
    assertThat(problemsWith("processed", "move"))
        .containsExactly("processedFolder: is required when processed is move");
  }

  @Test
  void unknownProcessingAndSecurityAndLanguageAreNamed() {
    assertThat(problemsWith("processed", "forget"))
        .containsExactly("processed: 'forget' is not seen, move or delete");
    assertThat(problemsWith("imapSecurity", "ssl"))
        .containsExactly("imapSecurity: 'ssl' is not tls, starttls or none");
    assertThat(problemsWith("language", "de"))
        .containsExactly("language: 'de' has no templates; use en or ru");
  }

  @Test
  void passwordsNeverShowInTheReadSettings() {
    EmailSettings settings = EmailSettings.of(new ConnectorSettings(validSettings()));

    assertThat(settings.toString()).doesNotContain("mailbox-secret");
    assertThat(settings.imap().toString()).doesNotContain("mailbox-secret");
  }

  @Test
  void senderNamedByAddressBeatsOneNamedByDomain() {
    EmailSettings settings = EmailSettings.of(new ConnectorSettings(validSettings()));

    assertThat(settings.claims(new MailAddress("Boss@Gmail.example", null))).isEqualTo(2);
    assertThat(settings.claims(new MailAddress("anyone@partner.example", null))).isEqualTo(1);
    assertThat(settings.claims(new MailAddress("anyone@other.example", null))).isZero();
  }

  @Test
  void problemsAreReportedTogether() {
    Map<String, Object> settings = new HashMap<>(validSettings());
    settings.put("address", "nope");
    settings.put("language", "fr");
    List<SettingProblem> problems = kind().validate(new ConnectorSettings(settings));

    assertThat(problems).extracting(SettingProblem::setting).containsExactly("address", "language");
  }
}
