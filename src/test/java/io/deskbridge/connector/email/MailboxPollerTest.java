package io.deskbridge.connector.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.deskbridge.connector.ConnectorSettings;
import jakarta.mail.Flags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The mailbox is told a message was taken only once the store has made it survive a crash: a
 * message marked read, moved or deleted is never fetched again.
 */
class MailboxPollerTest {

  private static final String SUPPORT = "support@maker.example";

  private GreenMail mail;
  private GreenMailUser mailbox;

  @BeforeEach
  void start() {
    mail =
        new GreenMail(
            new com.icegreen.greenmail.util.ServerSetup[] {
              ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort()
            });
    mail.start();
    mailbox = mail.setUser(SUPPORT, SUPPORT, "mailbox-secret");
  }

  @AfterEach
  void stop() {
    mail.stop();
  }

  @Test
  void storeIsMadeDurableBeforeAnyTakenMessageIsMarkedRead() throws Exception {
    // Given three unread messages
    for (int i = 1; i <= 3; i++) {
      GreenMailUtil.sendTextEmail(
          SUPPORT,
          "ann@partner.example",
          "Panel " + i,
          "Loop fault",
          mail.getSmtp().getServerSetup());
    }
    MailboxPoller poller = new MailboxPoller(settings());
    List<Integer> unreadWhenStored = new ArrayList<>();
    List<Integer> taken = new ArrayList<>();

    // When the poller takes them
    int count =
        poller.poll(
            raw -> {
              taken.add(raw.length);
              return false;
            },
            () -> unreadWhenStored.add(unread()));
    poller.close();

    // Then all three were taken and made durable while all three were still unread
    assertThat(count).isEqualTo(3);
    assertThat(taken).hasSize(3);
    assertThat(unreadWhenStored).containsExactly(3);
    // and only then marked read
    assertThat(unread()).isZero();
  }

  private int unread() {
    try {
      int unread = 0;
      for (StoredMessage message :
          mail.getManagers().getImapHostManager().getInbox(mailbox).getMessages()) {
        if (!message.getFlags().contains(Flags.Flag.SEEN)) {
          unread++;
        }
      }
      return unread;
    } catch (Exception e) {
      throw new IllegalStateException("the test mailbox cannot be read", e);
    }
  }

  private EmailSettings settings() {
    Map<String, Object> settings = new HashMap<>();
    settings.put("address", SUPPORT);
    settings.put("senders", List.of("@partner.example"));
    settings.put("imapHost", "127.0.0.1");
    settings.put("imapPort", mail.getImap().getPort());
    settings.put("imapSecurity", "none");
    settings.put("imapUser", SUPPORT);
    settings.put("imapPassword", "mailbox-secret");
    settings.put("smtpHost", "127.0.0.1");
    settings.put("smtpPort", mail.getSmtp().getPort());
    settings.put("smtpSecurity", "none");
    return EmailSettings.of(new ConnectorSettings(settings));
  }
}
