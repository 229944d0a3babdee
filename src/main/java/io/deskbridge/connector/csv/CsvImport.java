package io.deskbridge.connector.csv;

import io.deskbridge.connector.ChangeOutcome;
import io.deskbridge.connector.ConnectorState;
import io.deskbridge.connector.InboundChange;
import io.deskbridge.connector.InboundSink;
import io.deskbridge.connector.PartnerRecords;
import io.deskbridge.connector.PartnerRecords.Operation;
import io.deskbridge.connector.RecordRejectedException;
import io.deskbridge.connector.SourcedChange;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one partner file: scans it whole first (a file rejected as a whole applies nothing), then
 * hands the rows to the partner's mapping and the intake in order, in batches of up to {@value
 * #BATCH_ROWS} rows that name different tickets, which the intake writes together. A row that fails
 * is kept raw and parked as a dead letter, and listed in the error report; the other rows still
 * count.
 *
 * <p>Idempotency: the SHA-256 of the last row applied to each ticket is kept in the connector state
 * ({@code row:<ticket id>}) and an unchanged row is skipped, so the same file again, or an export
 * of every ticket, changes only what changed, while a status that goes A, B, then A again applies
 * each step. A ticket row's source key is {@code csv:<file SHA-256>:<line>}, followed by {@code
 * :<first 16 hex digits of the ticket's previous row>} when it had one: the same row of the same
 * file is the same key, so the intake ignores its repeat, yet a file that is byte for byte one sent
 * before (A, B, then the A file again) is a new change. A comment's key is its content, so the same
 * comment in a later file is a repeat. Progress ({@code file:<SHA-256>}: the last line done) is
 * kept after every batch, once its rejected rows are parked, so a file read again after a crash
 * resumes after the last line kept, and a batch cut short is taken again as repeats of what it
 * applied; it is removed once the file is read. A row parked once ({@code parked:<SHA-256>:<line>})
 * is reported again but not parked again.
 */
final class CsvImport {

  private static final Logger log = LoggerFactory.getLogger(CsvImport.class);

  /** Rows applied together, and so the rows between two checkpoints. */
  static final int BATCH_ROWS = 500;

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
    Tally tally = new Tally(name, sha, comments, progressKey);
    try (CsvRows rows = new CsvRows(file, scanned)) {
      tally.columns = rows.columns().names();
      List<CsvRow> batch = new ArrayList<>(BATCH_ROWS);
      Set<String> openedOrChanged = new HashSet<>();
      while (rows.hasNext()) {
        CsvRow row = rows.next();
        if (row.line() <= resumeAfter) {
          continue;
        }
        String ticketId = ticketIdOf(row);
        // A row of a ticket that an earlier ticket row of the batch opens or changes must see
        // what that row did, so it starts a batch; comments on one ticket may share one.
        if (ticketId != null && openedOrChanged.contains(ticketId)) {
          apply(rawId, batch, tally, scanned.dialect());
          openedOrChanged.clear();
        }
        if (ticketId != null && !comments && !records.isComment(row.record())) {
          openedOrChanged.add(ticketId);
        }
        batch.add(row);
        if (batch.size() >= BATCH_ROWS) {
          apply(rawId, batch, tally, scanned.dialect());
          openedOrChanged.clear();
        }
      }
      apply(rawId, batch, tally, scanned.dialect());
    } catch (IOException | RuntimeException e) {
      // Read again at the next poll, which writes the report again from where it resumes.
      if (tally.report != null) {
        tally.report.close();
        Files.deleteIfExists(tally.report.file());
      }
      throw e;
    }
    ErrorReport report = tally.report;
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
        tally.applied,
        tally.unchanged,
        tally.rejected);
    return new Outcome(
        name,
        false,
        null,
        tally.applied,
        tally.unchanged,
        tally.rejected,
        report == null ? null : report.file());
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

  /** What the rows of one file came to so far, and its error report once a row failed. */
  private static final class Tally {
    private final String name;
    private final String sha;
    private final boolean comments;
    private final String progressKey;
    private List<String> columns = List.of();
    private ErrorReport report;
    private long applied;
    private long unchanged;
    private long rejected;

    Tally(String name, String sha, boolean comments, String progressKey) {
      this.name = name;
      this.sha = sha;
      this.comments = comments;
      this.progressKey = progressKey;
    }
  }

  /**
   * Applies a batch of rows and empties it: the rows that fail are parked and reported, then the
   * progress is kept, so a crash after this repeats none of the batch's work.
   */
  private void apply(long rawId, List<CsvRow> batch, Tally tally, CsvDialect dialect)
      throws IOException {
    if (batch.isEmpty()) {
      return;
    }
    List<Verdict> verdicts = applyRows(rawId, tally.sha, tally.comments, batch);
    for (int i = 0; i < batch.size(); i++) {
      CsvRow row = batch.get(i);
      Verdict verdict = verdicts.get(i);
      if (verdict.fault() != null) {
        park(tally.name, tally.sha, tally.comments, tally.columns, row, verdict.fault());
        if (tally.report == null) {
          tally.report = ErrorReport.start(workFolder, dialect, tally.columns);
        }
        tally.report.add(
            row.line(), verdict.fault().column(), verdict.fault().reason(), row.fields());
        tally.rejected++;
      } else if (verdict.outcome() == RowOutcome.APPLIED) {
        tally.applied++;
      } else {
        tally.unchanged++;
      }
    }
    state.put(tally.progressKey, Long.toString(batch.get(batch.size() - 1).line()));
    batch.clear();
  }

  /** What became of one row: an outcome, or the fault that kept it from being applied. */
  private record Verdict(RowOutcome outcome, RowFault fault) {
    static Verdict rejected(String column, String reason) {
      return new Verdict(null, new RowFault(column == null ? "" : column, reason));
    }
  }

  /** The partner's ticket id a readable row names, or null. */
  private String ticketIdOf(CsvRow row) {
    if (row.fault() != null) {
      return null;
    }
    String ticketId = row.record().get(settings.ticketIdColumn());
    return ticketId == null || ticketId.isBlank() ? null : ticketId.strip();
  }

  /**
   * Applies rows that name different tickets, together: their stored digests and the tickets they
   * name are looked up at once and the changes handed over as one batch. Nothing of a row that
   * fails is applied; it is neither parked nor reported here.
   */
  private List<Verdict> applyRows(long rawId, String sha, boolean comments, List<CsvRow> rows) {
    int size = rows.size();
    Verdict[] verdicts = new Verdict[size];
    String[] ids = new String[size];
    String[] hashes = new String[size];
    MessageDigest digest = sha256();
    List<String> digestKeys = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      CsvRow row = rows.get(i);
      if (row.fault() != null) {
        verdicts[i] = Verdict.rejected(row.fault().column(), row.fault().reason());
        continue;
      }
      ids[i] = ticketIdOf(row);
      if (ids[i] == null) {
        verdicts[i] = Verdict.rejected(settings.ticketIdColumn(), "no ticket id");
      } else if (!comments && !records.isComment(row.record())) {
        // A comments file holds only comments; a ticket file may mix in comment rows that the
        // mapping's commentWhen marks, such as a row type column.
        hashes[i] = rowHash(digest, row.fields());
        digestKeys.add("row:" + ids[i]);
      }
    }
    Map<String, String> previous = digestKeys.isEmpty() ? Map.of() : state.getAll(digestKeys);
    // A row digest is kept only once a row of the ticket went through the intake, so the ticket
    // exists; only the other ids need the lookup (a ticket may have come another way).
    Set<String> lookup = new HashSet<>();
    for (int i = 0; i < size; i++) {
      if (verdicts[i] == null && !previous.containsKey("row:" + ids[i])) {
        lookup.add(ids[i]);
      } else if (verdicts[i] == null && previous.get("row:" + ids[i]).equals(hashes[i])) {
        verdicts[i] = new Verdict(RowOutcome.UNCHANGED, null);
      }
    }
    Map<String, ?> existing = lookup.isEmpty() ? Map.of() : inbound.ticketsByExternalId(lookup);
    List<SourcedChange> changes = new ArrayList<>(size);
    List<Integer> changedRows = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      if (verdicts[i] != null) {
        continue;
      }
      CsvRow row = rows.get(i);
      String id = ids[i];
      try {
        if (hashes[i] == null) {
          if (!existing.containsKey(id)) {
            verdicts[i] =
                Verdict.rejected(
                    settings.ticketIdColumn(), "no ticket '" + id + "' of this partner");
            continue;
          }
          String content = id + '\u001F' + String.join("\u001F", row.fields());
          changes.add(
              new SourcedChange(
                  "csv:comment:"
                      + ContentDigest.sha256Hex(content.getBytes(StandardCharsets.UTF_8)),
                  records.map(Operation.COMMENT, TicketLocator.external(id), row.record())));
        } else {
          String before = previous.get("row:" + id);
          InboundChange change =
              before != null || existing.containsKey(id)
                  ? records.map(Operation.UPDATE, TicketLocator.external(id), row.record())
                  : withExternalId(records.map(Operation.CREATE, null, row.record()), id);
          changes.add(
              new SourcedChange(
                  "csv:"
                      + sha
                      + ":"
                      + row.line()
                      + (before == null ? "" : ":" + before.substring(0, 16)),
                  change));
        }
        changedRows.add(i);
      } catch (RecordRejectedException e) {
        verdicts[i] = Verdict.rejected(e.field(), e.getMessage());
      }
    }
    List<ChangeOutcome> outcomes =
        changes.isEmpty() ? List.of() : inbound.submitAll(rawId, changes);
    Map<String, String> digests = new HashMap<>();
    for (int k = 0; k < outcomes.size(); k++) {
      int i = changedRows.get(k);
      ChangeOutcome outcome = outcomes.get(k);
      if (outcome.isRefused()) {
        // The gateway refused the change (another partner's ticket, a conflict, a field too long).
        // When the store itself is down, parking the row fails too and the file is read again.
        verdicts[i] = Verdict.rejected("", "the gateway refused the change: " + outcome.refusal());
        continue;
      }
      verdicts[i] =
          new Verdict(
              outcome.result().duplicate() ? RowOutcome.REPEATED : RowOutcome.APPLIED, null);
      if (hashes[i] != null) {
        digests.put("row:" + ids[i], hashes[i]);
      }
    }
    state.putAll(digests);
    return List.of(verdicts);
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
    Verdict verdict =
        applyRows(rawId, document.fileSha256(), document.comment(), List.of(row)).get(0);
    if (verdict.fault() != null) {
      throw new IllegalStateException(reason(document.file(), document.line(), verdict.fault()));
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
