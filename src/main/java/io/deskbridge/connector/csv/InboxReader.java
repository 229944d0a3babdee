package io.deskbridge.connector.csv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.BiConsumer;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes each complete file the inbox route hands over: reads it with {@link CsvImport}, puts the
 * error report next to it, and tells the route where the file goes. Keeps what the partner list
 * shows: the last file read, and the last problem of a poll or a read.
 */
final class InboxReader {

  private static final Logger log = LoggerFactory.getLogger(InboxReader.class);

  private final String partnerId;
  private final CsvSettings settings;
  private final CsvImport importer;
  private final BiConsumer<Path, String> remoteReports;
  private volatile String problem;
  private volatile String last = "no file read yet";
  private volatile long files;

  /**
   * @param remoteReports uploads a report to the sftp inbox under the given name
   */
  InboxReader(
      String partnerId,
      CsvSettings settings,
      CsvImport importer,
      BiConsumer<Path, String> remoteReports) {
    this.partnerId = partnerId;
    this.settings = settings;
    this.importer = importer;
    this.remoteReports = remoteReports;
  }

  void take(Exchange exchange) {
    String name = exchange.getIn().getHeader(Exchange.FILE_NAME_ONLY, String.class);
    String header =
        settings.inbox().remote() ? Exchange.FILE_LOCAL_WORK_PATH : "CamelFileAbsolutePath";
    Path file = Path.of(exchange.getIn().getHeader(header, String.class));
    try {
      CsvImport.Outcome outcome = importer.read(file, name);
      if (outcome.report() != null) {
        publish(outcome.report(), reportName(name));
      }
      exchange.setProperty(
          InboxRoute.TARGET, outcome.rejected() ? InboxRoute.FAILED : InboxRoute.DONE);
      files++;
      last =
          outcome.rejected()
              ? name + " rejected"
              : name
                  + ": "
                  + outcome.applied()
                  + " rows applied, "
                  + outcome.unchanged()
                  + " unchanged, "
                  + outcome.rowsRejected()
                  + " rejected";
      problem = null;
    } catch (IOException | RuntimeException e) {
      // The file stays in the inbox and is read again at the next poll, resuming after the last
      // line kept; whatever failed (the store, the disk) is shown in the partner list meanwhile.
      problem = "reading " + name + " failed: " + e.getMessage();
      log.warn("partner {}: {}", partnerId, problem);
      exchange.setRollbackOnly(true);
    }
  }

  /** {@code tickets.csv} is reported in {@code tickets.errors.csv}. */
  static String reportName(String name) {
    String base =
        name.toLowerCase(java.util.Locale.ROOT).endsWith(".csv")
            ? name.substring(0, name.length() - 4)
            : name;
    return base + ".errors.csv";
  }

  private void publish(Path report, String reportName) throws IOException {
    if (settings.inbox().remote()) {
      try {
        remoteReports.accept(report, reportName);
      } finally {
        Files.deleteIfExists(report);
      }
      return;
    }
    Path target = Path.of(settings.inbox().path()).resolve(reportName);
    Files.move(report, target, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Notes a poll that failed (an unreachable SFTP server) for the partner list. */
  PollingConsumerPollStrategy pollStrategy() {
    return new PollingConsumerPollStrategy() {
      @Override
      public boolean begin(Consumer consumer, Endpoint endpoint) {
        return true;
      }

      @Override
      public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        if (problem != null && problem.startsWith("poll failed")) {
          problem = null;
        }
      }

      @Override
      public boolean rollback(
          Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
        String now = "poll failed: " + cause.getMessage();
        if (!now.equals(problem)) {
          log.warn("partner {}: inbox {}: {}", partnerId, settings.inbox().display(), now);
        }
        problem = now;
        return false;
      }
    };
  }

  /** Leaves failed polls to {@link #pollStrategy()}, which reports each problem once. */
  ExceptionHandler quietPollFailures() {
    return new ExceptionHandler() {
      @Override
      public void handleException(Throwable exception) {
        handleException(null, null, exception);
      }

      @Override
      public void handleException(String message, Throwable exception) {
        handleException(message, null, exception);
      }

      @Override
      public void handleException(String message, Exchange exchange, Throwable exception) {
        log.debug(
            "partner {}: inbox {}: {}", partnerId, settings.inbox().display(), message, exception);
      }
    };
  }

  /** The last problem, or null when the last poll and read went well. */
  String problem() {
    return problem;
  }

  String status() {
    return "inbox " + settings.inbox().display() + ": " + files + " files read; last: " + last;
  }
}
