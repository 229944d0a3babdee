package io.deskbridge.connector.csv;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rows gathered for an interval export, kept on disk so that a crash loses none: each row is
 * appended to {@code spool.jsonl} and forced to disk before the delivery counts as done. When a
 * file is due, the spool is renamed to a batch in {@code pending/} that carries the file name it
 * will be published under, so that a batch published again after a crash keeps its name and its
 * rows, and new rows go to a fresh spool meanwhile.
 */
final class ExportSpool {

  private static final Logger log = LoggerFactory.getLogger(ExportSpool.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Entry> ENTRY = new TypeReference<>() {};
  private static final String SPOOL = "spool.jsonl";
  private static final String BATCH = ".batch";

  /** One spooled change: its id and its row. */
  record Entry(long changeId, Map<String, String> row) {}

  /** Rows renamed out of the spool, due to be published as {@code name}, {@code seq} in order. */
  record Batch(Path file, long seq, String name, List<Entry> entries) {}

  private final Path folder;
  private final Path spool;
  private final Path pending;
  private final List<Entry> spooled = new ArrayList<>();
  private final Set<Long> known = new HashSet<>();

  private ExportSpool(Path folder) {
    this.folder = folder;
    this.spool = folder.resolve(SPOOL);
    this.pending = folder.resolve("pending");
  }

  /** Opens the spool in this folder, taking up the rows and batches a previous run left. */
  static ExportSpool open(Path folder) throws IOException {
    ExportSpool spool = new ExportSpool(folder);
    Files.createDirectories(spool.pending);
    spool.spooled.addAll(spool.readSpool());
    spool.spooled.forEach(entry -> spool.known.add(entry.changeId()));
    for (Batch batch : spool.pending()) {
      batch.entries().forEach(entry -> spool.known.add(entry.changeId()));
    }
    return spool;
  }

  /** Whether a folder holds spooled rows or batches, without opening it. */
  static boolean hasRows(Path folder) {
    Path pending = folder.resolve("pending");
    if (Files.exists(folder.resolve(SPOOL))) {
      return true;
    }
    try (Stream<Path> files = Files.isDirectory(pending) ? Files.list(pending) : Stream.empty()) {
      return files.findAny().isPresent();
    } catch (IOException e) {
      return false;
    }
  }

  synchronized boolean contains(long changeId) {
    return known.contains(changeId);
  }

  /** Whether batches wait to be published. */
  synchronized boolean hasBatches() {
    try (Stream<Path> files = Files.list(pending)) {
      return files.anyMatch(file -> file.toString().endsWith(BATCH));
    } catch (IOException e) {
      return false;
    }
  }

  synchronized boolean isEmpty() {
    return spooled.isEmpty();
  }

  /** Appends a row and forces it to disk; when this returns, the row survives a crash. */
  synchronized void append(long changeId, Map<String, String> row) throws IOException {
    byte[] line =
        (JSON.writeValueAsString(new Entry(changeId, row)) + "\n").getBytes(StandardCharsets.UTF_8);
    boolean created = !Files.exists(spool);
    try (FileChannel channel =
        FileChannel.open(
            spool,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.APPEND)) {
      ByteBuffer buffer = ByteBuffer.wrap(line);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(false);
    }
    if (created) {
      syncFolder(folder);
    }
    spooled.add(new Entry(changeId, row));
    known.add(changeId);
  }

  /** Moves the spooled rows into a batch to be published as {@code name}; null when none. */
  synchronized Batch rotate(long seq, String name) throws IOException {
    if (spooled.isEmpty()) {
      return null;
    }
    Path file = pending.resolve(String.format("%019d", seq) + "-" + name + BATCH);
    Files.move(spool, file, StandardCopyOption.ATOMIC_MOVE);
    syncFolder(pending);
    syncFolder(folder);
    Batch batch = new Batch(file, seq, name, List.copyOf(spooled));
    spooled.clear();
    return batch;
  }

  /** The batches waiting to be published, oldest first. */
  synchronized List<Batch> pending() throws IOException {
    List<Batch> batches = new ArrayList<>();
    try (Stream<Path> files = Files.list(pending)) {
      for (Path file : files.filter(f -> f.toString().endsWith(BATCH)).sorted().toList()) {
        String base = file.getFileName().toString();
        base = base.substring(0, base.length() - BATCH.length());
        int dash = base.indexOf('-');
        batches.add(
            new Batch(
                file,
                Long.parseLong(base.substring(0, dash)),
                base.substring(dash + 1),
                read(file)));
      }
    }
    return batches;
  }

  /** Forgets a batch that is published and recorded. */
  synchronized void done(Batch batch) throws IOException {
    Files.deleteIfExists(batch.file());
    syncFolder(pending);
    batch.entries().forEach(entry -> known.remove(entry.changeId()));
  }

  String where() {
    return folder.toString();
  }

  /**
   * The spool's rows. A last line without its line break was being written when the process died;
   * its delivery never returned, so the runtime delivers it again: the torn line is cut off.
   */
  private List<Entry> readSpool() throws IOException {
    if (!Files.exists(spool)) {
      return List.of();
    }
    byte[] bytes = Files.readAllBytes(spool);
    int end = bytes.length;
    while (end > 0 && bytes[end - 1] != '\n') {
      end--;
    }
    if (end < bytes.length) {
      log.warn("csv export spool {}: cutting off a row torn by a crash", spool);
      try (FileChannel channel = FileChannel.open(spool, StandardOpenOption.WRITE)) {
        channel.truncate(end);
        channel.force(true);
      }
    }
    return parse(new String(bytes, 0, end, StandardCharsets.UTF_8), spool);
  }

  private static List<Entry> read(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8), file);
  }

  private static List<Entry> parse(String text, Path file) {
    List<Entry> entries = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      try {
        Entry entry = JSON.readValue(line, ENTRY);
        entries.add(new Entry(entry.changeId(), new LinkedHashMap<>(entry.row())));
      } catch (IOException e) {
        log.warn("csv export spool {}: skipping an unreadable row: {}", file, e.getMessage());
      }
    }
    return entries;
  }

  /** Forces a folder's entries (a new or renamed file) to disk, where the platform allows it. */
  static void syncFolder(Path folder) {
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Not every platform opens folders (Windows does not); the file itself was forced.
    }
  }
}
