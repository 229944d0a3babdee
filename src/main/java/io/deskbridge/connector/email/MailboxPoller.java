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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.eclipse.angus.mail.imap.IMAPFolder;

/**
 * Polls an IMAP folder in batches: the unread messages are fetched whole a hundred at a time, taken
 * one by one, then marked read (and flagged when they could not be taken, moved or deleted as
 * configured) with one command per batch. Per-message commands would cost a server round trip each
 * and cap a mailbox at a few dozen messages a second. Messages are fetched with PEEK, so a crash
 * before the batch is marked leaves them unread and the next poll takes them again; the intake
 * ignores a Message-ID it has already applied.
 */
final class MailboxPoller {

  private static final int BATCH = 100;

  private final EmailSettings settings;
  private final Session session;
  private final ExecutorService worker;
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
    this.worker =
        Executors.newSingleThreadExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "mailbox-" + settings.imap().username());
              thread.setDaemon(true);
              return thread;
            });
  }

  private String protocol() {
    return settings.imap().security() == EmailSettings.Security.TLS ? "imaps" : "imap";
  }

  /**
   * Takes every unread message of the folder.
   *
   * @param take what to do with one raw message; true when it must stay flagged for ops
   * @param stored makes what was taken survive a crash; run before the mailbox is told, since a
   *     message marked read, moved or deleted is not taken again
   * @return how many messages were taken
   */
  int poll(Function<byte[], Boolean> take, Runnable stored) throws MessagingException, IOException {
    Folder folder = connect().getFolder(settings.folder());
    folder.open(Folder.READ_WRITE);
    boolean expunge = false;
    try {
      Message[] unread = folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
      List<Message[]> batches = new ArrayList<>();
      for (int from = 0; from < unread.length; from += BATCH) {
        batches.add(Arrays.copyOfRange(unread, from, Math.min(unread.length, from + BATCH)));
      }
      if (batches.isEmpty()) {
        return 0;
      }
      // The server's work on one batch (fetching the next, marking the last) overlaps the
      // gateway's work on another; batches are still taken one after the other, in order.
      Future<List<Message>> taking = takeLater(batches.get(0), fetch(folder, batches.get(0)), take);
      for (int i = 0; i < batches.size(); i++) {
        List<byte[]> next = i + 1 < batches.size() ? fetch(folder, batches.get(i + 1)) : null;
        List<Message> flagged = await(taking);
        stored.run();
        if (next != null) {
          taking = takeLater(batches.get(i + 1), next, take);
        }
        expunge |= mark(folder, batches.get(i), flagged);
      }
      return unread.length;
    } finally {
      folder.close(expunge);
    }
  }

  private static List<byte[]> fetch(Folder folder, Message[] batch)
      throws MessagingException, IOException {
    FetchProfile profile = new FetchProfile();
    profile.add(UIDFolder.FetchProfileItem.UID);
    profile.add(IMAPFolder.FetchProfileItem.MESSAGE);
    folder.fetch(batch, profile);
    List<byte[]> raws = new ArrayList<>(batch.length);
    for (Message message : batch) {
      ByteArrayOutputStream raw = new ByteArrayOutputStream(Math.max(1024, message.getSize()));
      message.writeTo(raw);
      raws.add(raw.toByteArray());
    }
    return raws;
  }

  private Future<List<Message>> takeLater(
      Message[] batch, List<byte[]> raws, Function<byte[], Boolean> take) {
    return worker.submit(
        () -> {
          List<Message> flagged = new ArrayList<>();
          for (int i = 0; i < batch.length; i++) {
            if (take.apply(raws.get(i))) {
              flagged.add(batch[i]);
            }
          }
          return flagged;
        });
  }

  private static List<Message> await(Future<List<Message>> taking) throws MessagingException {
    try {
      return taking.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MessagingException("interrupted while taking mail", e);
    } catch (ExecutionException e) {
      throw new MessagingException("taking mail failed: " + e.getCause(), e);
    }
  }

  /** Marks a taken batch read, flags what could not be taken, and moves or deletes the rest. */
  private boolean mark(Folder folder, Message[] batch, List<Message> flagged)
      throws MessagingException {
    folder.setFlags(batch, new Flags(Flags.Flag.SEEN), true);
    if (!flagged.isEmpty()) {
      folder.setFlags(flagged.toArray(Message[]::new), new Flags(Flags.Flag.FLAGGED), true);
    }
    // What could not be taken stays where ops look for it: in the folder, flagged.
    List<Message> done = new ArrayList<>(Arrays.asList(batch));
    done.removeAll(flagged);
    return !done.isEmpty() && dispose(folder, done.toArray(Message[]::new));
  }

  private boolean dispose(Folder folder, Message[] messages) throws MessagingException {
    switch (settings.processed()) {
      case MOVE -> {
        Folder target = store.getFolder(settings.processedFolder());
        if (!target.exists()) {
          target.create(Folder.HOLDS_MESSAGES);
        }
        ((IMAPFolder) folder).moveMessages(messages, target);
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

  /** Stops polling for good. */
  void close() {
    worker.shutdown();
    disconnect();
  }

  /** Drops the server connection; the next poll opens a new one. */
  void disconnect() {
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
