package io.deskbridge.connector.csv;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.StringJoiner;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.support.ScheduledPollEndpoint;

/**
 * The Camel route that watches one partner's inbox: a {@code file:} or {@code sftp:} consumer that
 * takes only complete {@code *.csv} files (never error reports or markers), oldest first, and moves
 * each after reading to {@code .done/} or, when it was rejected as a whole, to {@code .failed/},
 * named {@code <name>.<yyyyMMdd-HHmmss>}. A file whose reading failed for another reason (the store
 * was down) stays where it is and is read again at the next poll.
 */
final class InboxRoute extends RouteBuilder {

  /** The exchange property that names the folder a read file moves to. */
  static final String TARGET = "deskbridgeCsvTarget";

  static final String DONE = ".done";
  static final String FAILED = ".failed";

  private final String routeId;
  private final CsvSettings settings;
  private final Path workFolder;
  private final InboxReader reader;

  InboxRoute(String routeId, CsvSettings settings, Path workFolder, InboxReader reader) {
    this.routeId = routeId;
    this.settings = settings;
    this.workFolder = workFolder;
    this.reader = reader;
  }

  @Override
  public void configure() {
    var endpoint = getContext().getEndpoint(consumerUri());
    if (endpoint instanceof ScheduledPollEndpoint scheduled) {
      scheduled.setPollStrategy(reader.pollStrategy());
      // The poll strategy reports a failed poll once, in the log and the partner list; Camel
      // would log it again with its stack trace at every poll while the server is away.
      scheduled.setExceptionHandler(reader.quietPollFailures());
    }
    if (endpoint instanceof GenericFileEndpoint<?> files) {
      files.setSorter(ticketFilesFirst());
    }
    from(endpoint).routeId(routeId).process(reader::take);
  }

  /**
   * The order files of one poll are read in: ticket files before comment files, so comments dropped
   * together with the export that opens their tickets find them; then oldest first.
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  Comparator ticketFilesFirst() {
    Comparator<GenericFile<?>> order =
        Comparator.<GenericFile<?>, Boolean>comparing(f -> settings.isCommentFile(f.getFileName()))
            .thenComparingLong(GenericFile::getLastModified)
            .thenComparing(GenericFile::getFileName);
    return order;
  }

  /** The endpoint that reads the inbox. */
  String consumerUri() {
    StringJoiner options = new StringJoiner("&");
    long delay = Math.max(1, settings.pollInterval().toMillis());
    options.add("delay=" + delay);
    options.add("initialDelay=0");
    options.add("antInclude=*.csv");
    options.add("antExclude=*.errors.csv");
    options.add("antFilterCaseSensitive=false");
    options.add("move=${exchangeProperty." + TARGET + "}/${file:name}.${date:now:yyyyMMdd-HHmmss}");
    if (settings.readiness() == CsvSettings.Readiness.MARKER) {
      options.add("doneFileName=${file:name}" + settings.markerSuffix());
    } else {
      long stable = Math.max(1, settings.stableFor().toMillis());
      long check = Math.max(50, Math.min(1000, stable / 4));
      options.add("readLock=changed");
      options.add("readLockMinAge=" + stable);
      options.add("readLockCheckInterval=" + check);
      options.add("readLockTimeout=" + (stable * 3 + check * 2 + 1000));
      // Empty files are read too: they are rejected with a reason, not left waiting for ever.
      options.add("readLockMinLength=0");
      options.add("readLockMarkerFile=false");
      options.add("readLockLoggingLevel=OFF");
    }
    if (settings.inbox().remote()) {
      options.add("localWorkDirectory=" + workFolder.resolve("download"));
      options.add("throwExceptionOnConnectFailed=true");
      options.add("stepwise=false");
      // The folder is the partner's; connecting at start to create it would hold up the gateway's
      // start while the partner's server is away.
      options.add("autoCreate=false");
      return sftpUri(settings.inbox()) + "&" + options;
    }
    return "file:" + settings.inbox().path() + "?" + options;
  }

  /** The sftp address with login and host key check, for reading and for writing reports. */
  static String sftpUri(CsvInbox inbox) {
    StringJoiner options = new StringJoiner("&");
    options.add("username=RAW(" + inbox.username() + ")");
    options.add("password=RAW(" + inbox.password() + ")");
    if (inbox.strictHostKeys()) {
      options.add("strictHostKeyChecking=yes");
      if (inbox.knownHostsFile() != null) {
        options.add("knownHostsFile=" + inbox.knownHostsFile());
        options.add("useUserKnownHostsFile=false");
      }
    } else {
      options.add("strictHostKeyChecking=no");
      options.add("useUserKnownHostsFile=false");
    }
    return "sftp://" + inbox.host() + ":" + inbox.port() + inbox.path() + "?" + options;
  }
}
