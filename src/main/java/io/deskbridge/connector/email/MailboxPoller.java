package io.deskbridge.connector.email;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.search.FlagTerm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;
import org.eclipse.angus.mail.imap.IMAPFolder;

/**
 * One poll of an IMAP folder, in batches: the unread messages are fetched whole a hundred at a
 * time, taken one by one, then marked read (and flagged when they could not be taken, moved or
 * deleted as configured) with one command per batch. Per-message commands would cost a server round
 * trip each and cap a mailbox at a few dozen messages a second. Messages are fetched with PEEK, so
 * a crash before the batch is marked leaves them unread and the next poll takes them again; the
 * intake ignores a Message-ID it has already applied.
 */
final class MailboxPoller {

  private static final int BATCH = 100;

  private final EmailSettings settings;
  private final Session session;
  private Store store;

  MailboxPoller(EmailSettings settings) {
    this.settings = settings;
    Properties props = new Properties();
    String protocol = protocol();
    props.put("mail.store.protocol", protocol);
    props.put("mail." + protocol + ".connectiontimeout", "10000");
    props.put("mail." + protocol + ".timeout", "60000");
    props.put("mail." + protocol + ".peek", "true");
    if (settings.imap().security() == EmailSettings.Security.STARTTLS) {
      props.put("mail.imap.starttls.enable", "true");
      props.put("mail.imap.starttls.required", "true");
    }
    this.session = Session.getInstance(props);
  }

  private String protocol() {
    return settings.imap().security() == EmailSettings.Security.TLS ? "imaps" : "imap";
  }

  /**
   * Takes every unread message of the folder.
   *
   * @param take what to do with one raw message; true when it must stay flagged for ops
   * @return how many messages were taken
   */
  int poll(Function<byte[], Boolean> take) throws MessagingException, IOException {
    Folder folder = connect().getFolder(settings.folder());
    folder.open(Folder.READ_WRITE);
    boolean expunge = false;
    int taken = 0;
    try {
      Message[] unread = folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
      for (int from = 0; from < unread.length; from += BATCH) {
        Message[] batch = Arrays.copyOfRange(unread, from, Math.min(unread.length, from + BATCH));
        FetchProfile profile = new FetchProfile();
        profile.add(UIDFolder.FetchProfileItem.UID);
        profile.add(IMAPFolder.FetchProfileItem.MESSAGE);
        folder.fetch(batch, profile);
        List<Message> done = new ArrayList<>();
        List<Message> flagged = new ArrayList<>();
        for (Message message : batch) {
          ByteArrayOutputStream raw = new ByteArrayOutputStream(Math.max(1024, message.getSize()));
          message.writeTo(raw);
          if (take.apply(raw.toByteArray())) {
            flagged.add(message);
          } else {
            done.add(message);
          }
          taken++;
        }
        folder.setFlags(batch, new Flags(Flags.Flag.SEEN), true);
        if (!flagged.isEmpty()) {
          folder.setFlags(flagged.toArray(Message[]::new), new Flags(Flags.Flag.FLAGGED), true);
        }
        // What could not be taken stays where ops look for it: in the folder, flagged.
        if (!done.isEmpty()) {
          expunge |= dispose(folder, done.toArray(Message[]::new));
        }
      }
    } finally {
      folder.close(expunge);
    }
    return taken;
  }

  private boolean dispose(Folder folder, Message[] messages) throws MessagingException {
    switch (settings.processed()) {
      case MOVE -> {
        ((IMAPFolder) folder).moveMessages(messages, store.getFolder(settings.processedFolder()));
        return false;
      }
      case DELETE -> {
        folder.setFlags(messages, new Flags(Flags.Flag.DELETED), true);
        return true;
      }
      default -> {
        return false;
      }
    }
  }

  private Store connect() throws MessagingException {
    if (store == null || !store.isConnected()) {
      store = session.getStore(protocol());
      store.connect(
          settings.imap().host(),
          settings.imap().port(),
          settings.imap().username(),
          settings.imap().password());
    }
    return store;
  }

  void close() {
    if (store != null) {
      try {
        store.close();
      } catch (MessagingException e) {
        // closing a connection that may already be gone; nothing to keep
      }
      store = null;
    }
  }
}
