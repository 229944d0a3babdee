package io.deskbridge.connector.csv;

import io.deskbridge.config.ConfigProblem;
import io.deskbridge.connector.ConnectorSettings;
import io.deskbridge.connector.InboundChange;
import io.deskbridge.connector.InboundResult;
import io.deskbridge.connector.InboundSink;
import io.deskbridge.connector.PartnerRecords;
import io.deskbridge.mapping.Mapping;
import io.deskbridge.mapping.MappingFileReader;
import io.deskbridge.partner.MappedPartnerRecords;
import io.deskbridge.ticket.TicketRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the csv tests share: the committed partner files, a Russian partner's mapping read by the
 * real mapping reader, and an inbound sink that keeps what it is given the way the intake would (a
 * repeated source key is a repeat, tickets are found by the partner's id).
 */
final class CsvFixtures {

  static final String MAPPING =
      """
      tables:
        statuses:
          Новая: NEW
          В работе: IN_PROGRESS
          Ожидает ответа: WAITING_ON_PARTNER
          Решена: RESOLVED
        priorities:
          Авария: CRITICAL
          Обычный: NORMAL
      inbound:
        fields:
          externalId: { from: Номер, required: true }
          subject: { from: Тема, transform: [collapse], required: true }
          description: { from: Описание }
          status: { from: Статус, table: statuses }
          priority: { from: Приоритет, table: priorities, default: NORMAL }
          product.model: { from: Прибор, transform: [trim, upper] }
          attributes.openedAt: { from: Создана, transform: [{ date: { formats: ["dd.MM.yyyy"], zone: Europe/Moscow } }] }
        comment:
          text: { from: Текст, required: true }
          authorName: { from: Автор }
      """;

  private CsvFixtures() {}

  /** The bytes of a committed test file under {@code src/test/resources/csv}. */
  static byte[] bytes(String name) {
    try (InputStream in = CsvFixtures.class.getResourceAsStream("/csv/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test file " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies a committed test file into a folder, under its own name or another. */
  static Path copy(String name, Path folder, String as) throws IOException {
    Files.createDirectories(folder);
    return Files.write(folder.resolve(as), bytes(name));
  }

  static CsvSettings settings(Path inbox, Map<String, Object> extra) {
    Map<String, Object> values = new HashMap<>();
    values.put("inbox", inbox.toString());
    values.put("ticketIdColumn", "Номер");
    values.putAll(extra);
    return CsvSettings.of(new ConnectorSettings(values));
  }

  /** The mapping above (or another), read from a file with the real reader. */
  static Mapping mapping(Path folder, String yaml) throws IOException {
    Path file = folder.resolve("mapping-" + System.nanoTime() + ".yml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    List<ConfigProblem> problems = new ArrayList<>();
    Optional<Mapping> mapping = new MappingFileReader().read("test", file, problems);
    if (mapping.isEmpty()) {
      throw new IllegalStateException("test mapping has problems: " + problems);
    }
    return mapping.get();
  }

  /**
   * A partner's records read through the gateway's own mapping glue and a mapping that a test may
   * swap, as ops fix the file.
   */
  static final class Records {
    volatile Mapping mapping;
    final PartnerRecords read = new MappedPartnerRecords("sever", () -> Optional.of(mapping));

    Records(Mapping mapping) {
      this.mapping = mapping;
    }
  }

  /** An inbound sink that keeps what it is given, like the intake: a repeated key is a repeat. */
  static class Sink implements InboundSink {
    final Map<String, InboundChange> applied = new java.util.LinkedHashMap<>();
    final Map<String, TicketRef> tickets = new HashMap<>();
    final List<String> rejected = new ArrayList<>();
    final Map<Long, byte[]> raw = new HashMap<>();
    final Map<Long, String> rawTypes = new HashMap<>();
    private long nextRaw = 1;

    @Override
    public synchronized long storeRaw(String sourceKey, String mediaType, byte[] body) {
      raw.put(nextRaw, body);
      rawTypes.put(nextRaw, mediaType);
      return nextRaw++;
    }

    @Override
    public synchronized InboundResult submit(
        long rawInputId, String sourceKey, InboundChange change) {
      if (applied.containsKey(sourceKey)) {
        return new InboundResult(null, null, true);
      }
      TicketRef ref = new TicketRef(String.format("DB-%06d", tickets.size() + 1));
      if (change instanceof InboundChange.CreateTicket create) {
        tickets.put(create.draft().externalId(), ref);
      }
      applied.put(sourceKey, change);
      return new InboundResult(ref, null, false);
    }

    @Override
    public synchronized void reject(long rawInputId, String reason) {
      rejected.add(reason);
    }

    @Override
    public void record(long rawInputId, String outcome) {}

    @Override
    public Optional<TicketRef> ticketByMessageId(String messageId) {
      return Optional.empty();
    }

    @Override
    public synchronized Optional<TicketRef> ticketByExternalId(String externalId) {
      return Optional.ofNullable(tickets.get(externalId));
    }

    @Override
    public boolean sees(TicketRef ticket) {
      return true;
    }

    @Override
    public List<String> messageIds(TicketRef ticket) {
      return List.of();
    }

    /** The changes applied, in order. */
    synchronized List<InboundChange> changes() {
      return List.copyOf(applied.values());
    }
  }
}
