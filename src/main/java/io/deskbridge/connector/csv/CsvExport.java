package io.deskbridge.connector.csv;

import io.deskbridge.connector.ConnectorHealth;
import io.deskbridge.connector.ConnectorSettings;
import io.deskbridge.connector.ConnectorState;
import io.deskbridge.connector.DeliveryException;
import io.deskbridge.connector.DeliveryReceipt;
import io.deskbridge.connector.OutboundChange;
import io.deskbridge.connector.SettingDefinition;
import io.deskbridge.connector.SettingProblem;
import io.deskbridge.connector.SettingType;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbound half of the {@code csv} kind: the manufacturer's changes for a file-only partner,
 * written as CSV files its import can take, in its own dialect.
 *
 * <p>Every file appears complete or not at all (written under a hidden temporary name, then
 * renamed) and is named with a sequence from the partner's {@link ConnectorState}, so its import
 * can take the files in order. Without {@code exportInterval} each change is one file, written
 * before {@link #write} returns; with it, {@link #write} appends the change's row to a spool on
 * disk, forced before it returns, and a timer thread ({@code <partner>-csv-export}) publishes the
 * gathered rows as one file per interval, and once at start for rows a previous run left. (A plain
 * scheduled thread rather than a Camel timer route, so that closing works the same whether or not
 * the Camel context has started.)
 *
 * <p>Delivery is idempotent on {@link OutboundChange#changeId()}: a change already in a file, or
 * already spooled, is not written again. A file name is reserved for a change (or a batch) before
 * its file is written, so a change delivered again after a crash goes to the same name, and a file
 * already there is left alone.
 */
public final class CsvExport implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CsvExport.class);

  /** The outbound settings of the {@code csv} kind, declared once. */
  public static final List<SettingDefinition> SETTINGS =
      List.of(
          SettingDefinition.optional(
              "outbox",
              SettingType.STRING,
              null,
              "where the manufacturer's changes are written as CSV files: a local folder, or"
                  + " sftp://host[:port]/path with username and password; without it the partner"
                  + " gets no files"),
          SettingDefinition.optional(
              "exportDelimiter",
              SettingType.STRING,
              ";",
              "the delimiter of exported files: , ; tab or |"),
          SettingDefinition.optional(
              "exportCharset",
              SettingType.STRING,
              "UTF-8",
              "the charset of exported files, e.g. UTF-8 or windows-1251; a character it cannot"
                  + " encode is written as ?"),
          SettingDefinition.optional(
              "exportBom",
              SettingType.BOOLEAN,
              null,
              "whether exported files start with a byte order mark; default true when"
                  + " exportCharset is UTF-8, else false"),
          SettingDefinition.optional(
              "exportLineEnding",
              SettingType.STRING,
              "crlf",
              "the line ending of exported files: crlf or lf"),
          SettingDefinition.optional(
              "exportColumns",
              SettingType.LIST,
              null,
              "the columns of exported files, in order: @ref, @externalId, @event, @changeId,"
                  + " @changedAt or a key of the outbound record (nested keys joined with dots);"
                  + " Header=source gives a column another header; default: the built-ins, then"
                  + " every key of the record"),
          SettingDefinition.optional(
              "exportFileName",
              SettingType.STRING,
              ExportSettings.DEFAULT_FILE_NAME,
              "the name of exported files: {seq} (required, six digits), {timestamp}"
                  + " (yyyyMMdd-HHmmss, UTC), {partner}"),
          SettingDefinition.optional(
              "exportInterval",
              SettingType.DURATION,
              null,
              "gather changes and publish one file per interval, e.g. 15m; without it, one"
                  + " file per change"),
          SettingDefinition.optional(
              "exportEscapeFormulas",
              SettingType.BOOLEAN,
              false,
              "when people open the files in a spreadsheet: a cell that starts with = + - @ or a"
                  + " tab gets a leading ' so that it is shown as text, never run as a formula"));

  private static final String SEQUENCE = "csv-export.seq";
  private static final String CHANGE = "csv-export.change.";
  private static final String BATCH = "csv-export.batch.";
  private static final String BUCKET = "csv-export.bucket";
  // Markers of delivered changes are kept by buckets of change ids and the oldest buckets dropped,
  // so the state of a busy partner stays small. A redelivery comes within minutes or hours of the
  // first delivery, never a million changes later.
  private static final long BUCKET_SIZE = 100_000;
  private static final long BUCKETS_KEPT = 10;

  private final String partnerId;
  private final ExportSettings settings;
  private final ConnectorState state;
  private final CamelContext camel;
  private final Clock clock;
  private final ExportTarget target;
  private final ExportSpool spool;
  private final Object publishing = new Object();
  private volatile ScheduledExecutorService timer;
  private volatile String problem;
  private volatile long files;
  private volatile boolean closed;

  private CsvExport(
      String partnerId,
      ExportSettings settings,
      ConnectorState state,
      CamelContext camel,
      Clock clock,
      ExportTarget target,
      ExportSpool spool) {
    this.partnerId = partnerId;
    this.settings = settings;
    this.state = state;
    this.camel = camel;
    this.clock = clock;
    this.target = target;
    this.spool = spool;
  }

  /** Adds the problems of the outbound settings that their declarations alone cannot state. */
  public static void validate(ConnectorSettings settings, List<SettingProblem> problems) {
    ExportSettings.check(settings, problems);
  }

  /**
   * Starts the export for a partner whose settings passed validation; empty without an {@code
   * outbox}. An interval export spools under {@code workDir/spool}.
   */
  public static Optional<CsvExport> open(
      String partnerId,
      ConnectorSettings settings,
      ConnectorState state,
      CamelContext camel,
      Clock clock,
      Path workDir) {
    ExportSettings export = ExportSettings.of(settings);
    if (export == null) {
      return Optional.empty();
    }
    ExportSpool spool = null;
    Path folder = workDir.resolve("spool");
    if (export.interval() == null && ExportSpool.hasRows(folder)) {
      log.warn(
          "partner {}: {} holds CSV rows of an earlier interval export; set exportInterval again"
              + " to publish them",
          partnerId,
          folder);
    }
    if (export.interval() != null) {
      try {
        spool = ExportSpool.open(folder);
      } catch (IOException e) {
        throw new IllegalStateException(
            "partner "
                + partnerId
                + ": cannot keep the export spool in "
                + folder
                + ": "
                + ExportFailures.describe(e));
      }
    }
    ExportTarget target;
    if (export.sftp() == null) {
      target = new ExportFolder(Path.of(export.outbox()));
    } else {
      try {
        target = ExportSftp.open(camel, export.sftp(), export.interval() == null);
      } catch (Exception e) {
        throw new IllegalStateException(
            "partner "
                + partnerId
                + ": cannot prepare the outbox "
                + export.where()
                + ": "
                + ExportFailures.describe(e));
      }
    }
    CsvExport csv = new CsvExport(partnerId, export, state, camel, clock, target, spool);
    if (spool != null) {
      csv.startTimer();
    }
    log.info(
        "partner {}: writing CSV files to {}{}",
        partnerId,
        target.where(),
        spool == null ? ", one per change" : ", one per " + export.interval());
    return Optional.of(csv);
  }

  /**
   * Writes one change as a row: in its own file at once, or into the spool for the next file.
   *
   * @throws DeliveryException when the file (or the spool) could not be written; the message names
   *     the partner and the folder, and the dispatcher tries again
   */
  public DeliveryReceipt write(OutboundChange change) throws DeliveryException {
    if (closed) {
      throw DeliveryException.transientFailure(
          "partner " + partnerId + ": the CSV export is closed", null);
    }
    long id = change.changeId();
    if (spool != null) {
      return spool(change);
    }
    synchronized (this) {
      String marker = state.get(changeKey(id)).orElse(null);
      if (marker != null && marker.startsWith("sent ")) {
        return DeliveryReceipt.NONE;
      }
      String name;
      if (marker != null && marker.startsWith("reserved ")) {
        name = marker.substring("reserved ".length());
      } else {
        name = reserveName();
        state.put(changeKey(id), "reserved " + name);
      }
      byte[] content = ExportRows.render(List.of(ExportRows.row(change)), settings);
      publish(name, content);
      markSent(id, name);
      return DeliveryReceipt.NONE;
    }
  }

  private DeliveryReceipt spool(OutboundChange change) throws DeliveryException {
    synchronized (spool) {
      long id = change.changeId();
      if (spool.contains(id) || isSent(id)) {
        return DeliveryReceipt.NONE;
      }
      try {
        spool.append(id, ExportRows.row(change));
      } catch (IOException e) {
        throw DeliveryException.transientFailure(
            "partner "
                + partnerId
                + ": cannot spool a CSV row in "
                + spool.where()
                + ": "
                + ExportFailures.describe(e),
            null);
      }
      return DeliveryReceipt.NONE;
    }
  }

  /**
   * Publishes what is due: batches a failed or interrupted publication left, then the rows gathered
   * since the last file. Called by the timer; a failure is kept for {@link #health()} and tried
   * again at the next interval.
   */
  void publishDue() {
    synchronized (publishing) {
      if (closed) {
        return;
      }
      try {
        for (ExportSpool.Batch batch : spool.pending()) {
          publishBatch(batch);
        }
        ExportSpool.Batch batch;
        synchronized (spool) {
          if (spool.isEmpty()) {
            return;
          }
          long seq = state.increment(SEQUENCE);
          batch = spool.rotate(seq, settings.fileName().format(seq, clock.instant(), partnerId));
        }
        publishBatch(batch);
      } catch (DeliveryException e) {
        // Already described and kept in problem; the batch waits for the next interval.
      } catch (IOException | RuntimeException e) {
        String failure =
            "partner "
                + partnerId
                + ": cannot publish the spooled CSV rows in "
                + spool.where()
                + ": "
                + ExportFailures.describe(e);
        if (!failure.equals(problem)) {
          log.warn(failure);
        }
        problem = failure;
      }
    }
  }

  private void publishBatch(ExportSpool.Batch batch) throws IOException, DeliveryException {
    String key = BATCH + batch.seq() + ".";
    if (state.get(key).isEmpty()) {
      List<Map<String, String>> rows =
          batch.entries().stream().map(ExportSpool.Entry::row).toList();
      publish(batch.name(), ExportRows.render(rows, settings));
      state.put(key, batch.name());
    }
    for (ExportSpool.Entry entry : batch.entries()) {
      markSent(entry.changeId(), batch.name());
    }
    spool.done(batch);
    state.removeStartingWith(key);
  }

  private void publish(String name, byte[] content) throws DeliveryException {
    try {
      target.publish(name, content);
      files++;
      problem = null;
    } catch (IOException e) {
      String failure = "partner " + partnerId + ": " + e.getMessage();
      if (!failure.equals(problem)) {
        log.warn("{} (file {})", failure, name);
      }
      problem = failure;
      throw DeliveryException.transientFailure(failure, null);
    }
  }

  private String reserveName() {
    long seq = state.increment(SEQUENCE);
    return settings.fileName().format(seq, clock.instant(), partnerId);
  }

  private boolean isSent(long id) {
    return state.get(changeKey(id)).map(marker -> marker.startsWith("sent ")).orElse(false);
  }

  private void markSent(long id, String name) {
    state.put(changeKey(id), "sent " + name);
    long bucket = id / BUCKET_SIZE;
    long highest = state.get(BUCKET).map(Long::parseLong).orElse(-1L);
    if (bucket > highest) {
      state.put(BUCKET, Long.toString(bucket));
      if (highest >= 0) {
        // Only buckets up to the previous highest can hold markers.
        for (long old = Math.max(0, highest - BUCKETS_KEPT + 1);
            old <= Math.min(highest, bucket - BUCKETS_KEPT);
            old++) {
          state.removeStartingWith(CHANGE + old + ".");
        }
      }
    }
  }

  private static String changeKey(long id) {
    return CHANGE + (id / BUCKET_SIZE) + "." + id;
  }

  private void startTimer() {
    String name = partnerId + "-csv-export";
    timer =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, name);
              thread.setDaemon(true);
              return thread;
            });
    long interval = Math.max(1, settings.interval().toMillis());
    // Rows a previous run left are published as soon as the export opens, not an interval later.
    long first = spool.isEmpty() && !spool.hasBatches() ? interval : 0;
    timer.scheduleWithFixedDelay(this::publishDue, first, interval, TimeUnit.MILLISECONDS);
  }

  /** Up while files are written; down with the reason while the outbox refuses them. */
  public ConnectorHealth health() {
    String failure = problem;
    if (failure != null) {
      return ConnectorHealth.down(failure);
    }
    return ConnectorHealth.up("outbox " + target.where() + ": " + files + " files written");
  }

  /**
   * Stops the timer and lets go of the outbox. Spooled rows stay on disk and are published when the
   * export opens again.
   */
  @Override
  public void close() {
    closed = true;
    ScheduledExecutorService running = timer;
    if (running != null) {
      running.shutdown();
      try {
        // A file being published is finished rather than cut off; publishing is idempotent anyway.
        if (!running.awaitTermination(30, TimeUnit.SECONDS)) {
          running.shutdownNow();
        }
      } catch (InterruptedException e) {
        running.shutdownNow();
        Thread.currentThread().interrupt();
      }
      timer = null;
    }
    target.close();
  }
}
