package io.deskbridge.connector.csv;

import io.deskbridge.connector.ConnectorState;
import io.deskbridge.connector.InboundChange;
import io.deskbridge.connector.InboundResult;
import io.deskbridge.connector.InboundSink;
import io.deskbridge.connector.PartnerRecords;
import io.deskbridge.connector.PartnerRecords.Operation;
import io.deskbridge.connector.RecordRejectedException;
import io.deskbridge.connector.TicketLocator;
import io.deskbridge.ticket.ContentDigest;
import io.deskbridge.ticket.TicketDraft;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one partner file: scans it whole first (a file rejected as a whole applies nothing), then
 * hands each row to the partner's mapping and the intake, in order. A row that fails is kept raw
 * and parked as a dead letter, and listed in the error report; the other rows still count.
 *
 * <p>Idempotency: the SHA-256 of the last row applied to each ticket is kept in the connector state
 * ({@code row:<ticket id>}) and an unchanged row is skipped, so the same file again, or an export
 * of every ticket, changes only what changed, while a status that goes A, B, then A again applies
 * each step. A ticket row's source key is {@code csv:<file SHA-256>:<line>}, followed by {@code
 * :<first 16 hex digits of the ticket's previous row>} when it had one: the same row of the same
 * file is the same key, so the intake ignores its repeat, yet a file that is byte for byte one sent
 * before (A, B, then the A file again) is a new change. A comment's key is its content, so the same
 * comment in a later file is a repeat. Progress ({@code file:<SHA-256>}: the last line done) is
 * kept every {@value #CHECKPOINT_ROWS} rows and after every rejected row, so a file read again
 * after a crash resumes after the last line kept; it is removed once the file is read. A row parked
 * once ({@code parked:<SHA-256>:<line>}) is reported again but not parked again.
 */
final class CsvImport {

  private static final Logger log = LoggerFactory.getLogger(CsvImport.class);

  static final int CHECKPOINT_ROWS = 500;

  /** What became of one file. */
  record Outcome(
      String file,
      boolean rejected,
      String reason,
      long applied,
      long unchanged,
      long rowsRejected,
      Path report) {}

  /** What became of one row that was not rejected. */
  enum RowOutcome {
    APPLIED,
    UNCHANGED,
    REPEATED
  }

  /** A row that cannot be applied, and why. */
  private static final class RowRejected extends Exception {
    private final transient RowFault fault;

    RowRejected(String column, String reason) {
      super(reason, null, false, false);
      this.fault = new RowFault(column == null ? "" : column, reason);
    }
  }

  private final String partnerId;
  private final InboundSink inbound;
  private final PartnerRecords records;
  private final ConnectorState state;
  private final CsvSettings settings;
  private final Path workFolder;

  CsvImport(
      String partnerId,
      InboundSink inbound,
      PartnerRecords records,
      ConnectorState state,
      CsvSettings settings,
      Path workFolder) {
    this.partnerId = partnerId;
    this.inbound = inbound;
    this.records = records;
    this.state = state;
    this.settings = settings;
    this.workFolder = workFolder;
  }

  /**
   * Reads one file that is complete in the inbox.
   *
   * @param name the file's name in the inbox
   * @throws IOException when the file cannot be read; nothing after the last checkpoint is lost
   */
  Outcome read(Path file, String name) throws IOException {
    boolean comments = settings.isCommentFile(name);
    CsvFileScan.ScannedFile scanned;
    try {
      if (!records.maps(comments ? Operation.COMMENT : Operation.CREATE)) {
        throw new CsvFileRejectedException(
            1,
            "",
            "the partner's mapping has no "
                + (comments ? "comment" : "ticket")
                + " rules, so its rows cannot become "
                + (comments ? "comments" : "tickets"));
      }
      scanned = new CsvFileScan(settings).scan(file, required(comments));
    } catch (CsvFileRejectedException rejected) {
      return rejectFile(file, name, rejected);
    }
    String sha = scanned.sha256();
    String progressKey = "file:" + sha;
    long resumeAfter = Long.parseLong(state.get(progressKey).orElse("0"));
    long rawId =
        inbound.storeRaw(
            "csv:" + sha,
            FileReceipt.MEDIA_TYPE,
            new FileReceipt(name, sha, Files.size(file), settings.inbox().display(), ".done")
                .toJson());
    long applied = 0;
    long unchanged = 0;
    long rejectedRows = 0;
    long sinceCheckpoint = 0;
    ErrorReport report = null;
    MessageDigest digest = sha256();
    try (CsvRows rows = new CsvRows(file, scanned)) {
      List<String> columns = rows.columns().names();
      while (rows.hasNext()) {
        CsvRow row = rows.next();
        if (row.line() <= resumeAfter) {
          continue;
        }
        try {
          if (row.fault() != null) {
            throw new RowRejected(row.fault().column(), row.fault().reason());
          }
          RowOutcome outcome = apply(rawId, sha, row.line(), comments, row, digest);
          if (outcome == RowOutcome.APPLIED) {
            applied++;
          } else {
            unchanged++;
          }
          if (++sinceCheckpoint >= CHECKPOINT_ROWS) {
            state.put(progressKey, Long.toString(row.line()));
            sinceCheckpoint = 0;
          }
        } catch (RowRejected rejected) {
          RowFault fault = rejected.fault;
          park(name, sha, comments, columns, row, fault);
          if (report == null) {
            report = ErrorReport.start(workFolder, scanned.dialect(), columns);
          }
          report.add(row.line(), fault.column(), fault.reason(), row.fields());
          rejectedRows++;
          state.put(progressKey, Long.toString(row.line()));
          sinceCheckpoint = 0;
        }
      }
    } catch (IOException | RuntimeException e) {
      // Read again at the next poll, which writes the report again from where it resumes.
      if (report != null) {
        report.close();
        Files.deleteIfExists(report.file());
      }
      throw e;
    }
    if (report != null) {
      report.close();
    }
    // The file leaves the inbox once this returns; what it gave the store must outlive a crash.
    inbound.sync();
    state.removeStartingWith(progressKey);
    log.info(
        "partner {}: {} read: {} rows applied, {} unchanged or repeated, {} rejected",
        partnerId,
        name,
        applied,
        unchanged,
        rejectedRows);
    return new Outcome(
        name, false, null, applied, unchanged, rejectedRows, report == null ? null : report.file());
  }

  private Set<String> required(boolean comments) {
    Set<String> required = new LinkedHashSet<>();
    if (comments) {
      required.addAll(records.requiredFields(Operation.COMMENT));
    } else {
      required.addAll(records.requiredFields(Operation.CREATE));
      required.addAll(records.requiredFields(Operation.UPDATE));
    }
    return required;
  }

  private Outcome rejectFile(Path file, String name, CsvFileRejectedException rejected)
      throws IOException {
    String reason = "file " + name + " rejected as a whole: " + rejected.getMessage();
    String sha = sha256Of(file);
    // Parked once: a read that failed after parking (the report could not be written) repeats it.
    String parkedKey = "parked:" + sha + ":" + name;
    if (state.get(parkedKey).isEmpty()) {
      long rawId =
          inbound.storeRaw(
              "csv:" + sha,
              FileReceipt.MEDIA_TYPE,
              new FileReceipt(name, sha, Files.size(file), settings.inbox().display(), ".failed")
                  .toJson());
      inbound.reject(rawId, reason);
      state.put(parkedKey, Long.toString(rawId));
    }
    CsvDialect dialect = new CsvFileScan(settings).reportDialect(file);
    Path reportFile;
    try (ErrorReport report = ErrorReport.start(workFolder, dialect, List.of())) {
      for (FileProblem problem : rejected.problems()) {
        report.add(problem.line(), problem.column(), problem.reason(), List.of());
      }
      reportFile = report.file();
    }
    inbound.sync();
    log.warn("partner {}: {}", partnerId, reason);
    return new Outcome(name, true, reason, 0, 0, 0, reportFile);
  }

  /**
   * Applies one readable row.
   *
   * @throws RowRejected when the row cannot be applied; nothing of it was
   */
  private RowOutcome apply(
      long rawId, String sha, long line, boolean comment, CsvRow row, MessageDigest digest)
      throws RowRejected {
    String ticketId = row.record().get(settings.ticketIdColumn());
    if (ticketId == null || ticketId.isBlank()) {
      throw new RowRejected(settings.ticketIdColumn(), "no ticket id");
    }
    ticketId = ticketId.strip();
    // A comments file holds only comments; a ticket file may mix in comment rows that the
    // mapping's commentWhen marks, such as a row type column.
    if (comment || records.isComment(row.record())) {
      return comment(rawId, ticketId, row);
    }
    String hash = rowHash(digest, row.fields());
    String rowKey = "row:" + ticketId;
    String previous = state.get(rowKey).orElse(null);
    if (hash.equals(previous)) {
      return RowOutcome.UNCHANGED;
    }
    // A row digest is kept only once a row of the ticket went through the intake, so the ticket
    // exists; only a ticket id without one needs the lookup (it may have come another way).
    boolean exists = previous != null || inbound.ticketByExternalId(ticketId).isPresent();
    InboundChange change;
    try {
      change =
          exists
              ? records.map(Operation.UPDATE, TicketLocator.external(ticketId), row.record())
              : withExternalId(records.map(Operation.CREATE, null, row.record()), ticketId);
    } catch (RecordRejectedException e) {
      throw new RowRejected(e.field(), e.getMessage());
    }
    String key =
        "csv:" + sha + ":" + line + (previous == null ? "" : ":" + previous.substring(0, 16));
    InboundResult result = submit(rawId, key, change);
    state.put(rowKey, hash);
    return result.duplicate() ? RowOutcome.REPEATED : RowOutcome.APPLIED;
  }

  private RowOutcome comment(long rawId, String ticketId, CsvRow row) throws RowRejected {
    if (inbound.ticketByExternalId(ticketId).isEmpty()) {
      throw new RowRejected(
          settings.ticketIdColumn(), "no ticket '" + ticketId + "' of this partner");
    }
    InboundChange change;
    try {
      change = records.map(Operation.COMMENT, TicketLocator.external(ticketId), row.record());
    } catch (RecordRejectedException e) {
      throw new RowRejected(e.field(), e.getMessage());
    }
    String content = ticketId + '\u001F' + String.join("\u001F", row.fields());
    String key = "csv:comment:" + ContentDigest.sha256Hex(content.getBytes(StandardCharsets.UTF_8));
    InboundResult result = submit(rawId, key, change);
    return result.duplicate() ? RowOutcome.REPEATED : RowOutcome.APPLIED;
  }

  private InboundResult submit(long rawId, String key, InboundChange change) throws RowRejected {
    try {
      return inbound.submit(rawId, key, change);
    } catch (RuntimeException e) {
      // The gateway refused the change (another partner's ticket, a conflict, a field too long).
      // When the store itself is down, parking the row fails too and the file is read again.
      throw new RowRejected("", "the gateway refused the change: " + e.getMessage());
    }
  }

  /**
   * A new ticket is known by the partner's id in the id column, whatever the mapping made of it.
   */
  private static InboundChange withExternalId(InboundChange change, String ticketId) {
    if (change instanceof InboundChange.CreateTicket create
        && !ticketId.equals(create.draft().externalId())) {
      TicketDraft d = create.draft();
      return new InboundChange.CreateTicket(
          new TicketDraft(
              ticketId,
              d.subject(),
              d.description(),
              d.priority(),
              d.category(),
              d.product(),
              d.site(),
              d.requester(),
              d.attributes()));
    }
    return change;
  }

  private void park(
      String name, String sha, boolean comment, List<String> columns, CsvRow row, RowFault fault) {
    String parkedKey = "parked:" + sha + ":" + row.line();
    if (state.get(parkedKey).isPresent()) {
      return;
    }
    RowDocument document = new RowDocument(name, sha, row.line(), comment, columns, row.fields());
    long rawId =
        inbound.storeRaw(
            "csv:" + sha + ":" + row.line(), RowDocument.MEDIA_TYPE, document.toJson());
    inbound.reject(rawId, reason(name, row.line(), fault));
    state.put(parkedKey, Long.toString(rawId));
  }

  static String reason(String name, long line, RowFault fault) {
    return name
        + ", line "
        + line
        + (fault.column().isEmpty() ? "" : ", column " + fault.column())
        + ": "
        + fault.reason();
  }

  /**
   * Applies a parked row again, as ops replay its dead letter after fixing the mapping.
   *
   * @throws IllegalStateException when the row still cannot be applied, saying why
   */
  void replay(long rawId, String mediaType, byte[] body) {
    if (FileReceipt.MEDIA_TYPE.equals(mediaType)) {
      throw new IllegalStateException(
          "a whole file was rejected: correct it and drop it in the inbox again (it lies in"
              + " .failed/)");
    }
    RowDocument document = RowDocument.fromJson(body);
    ColumnValues.Columns columns = new ColumnValues.Columns(document.columns());
    String[] values = document.fields().toArray(String[]::new);
    if (values.length != columns.size()) {
      throw new IllegalStateException(
          reason(
              document.file(),
              document.line(),
              new RowFault(
                  "",
                  "the row has "
                      + values.length
                      + " fields where the header has "
                      + columns.size()
                      + " columns; correct the file and drop it again")));
    }
    CsvRow row =
        new CsvRow(document.line(), document.fields(), new ColumnValues(columns, values), null);
    try {
      apply(rawId, document.fileSha256(), document.line(), document.comment(), row, sha256());
    } catch (RowRejected rejected) {
      throw new IllegalStateException(reason(document.file(), document.line(), rejected.fault));
    }
  }

  private static String rowHash(MessageDigest digest, List<String> fields) {
    for (String field : fields) {
      digest.update(field.getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0x1F);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static String sha256Of(Path file) throws IOException {
    MessageDigest digest = sha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
