package io.deskbridge.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.zaxxer.hikari.HikariDataSource;
import io.deskbridge.GatewayProperties;
import io.deskbridge.outbox.OutboxStore;
import io.deskbridge.support.ApiClient;
import io.deskbridge.support.GatewayConfigFiles;
import io.deskbridge.support.RunningGateway;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Measures the whole gateway over HTTP (ticket creations and manufacturer comments), the time its
 * outbox needs to deliver them, and a raw JDBC insert baseline on the same H2 file.
 */
public final class GatewayBenchmark {

  private static final long DRAIN_POLL_MILLIS = 5;

  private static final String METHOD =
      "gateway and HTTP clients share one JVM and machine; warm-up tickets first, not counted,"
          + " outbox drained; C client threads take tickets from a shared counter, each ticket ="
          + " 1 partner POST /api/v1/tickets then M public agent comments, each request with its"
          + " own Idempotency-Key; latency = System.nanoTime() around each blocking call;"
          + " percentiles nearest-rank over all successful samples; rate = successful requests /"
          + " wall time from start gate to last response; drain = end of pushes until"
          + " OutboxStore.countPending() reads 0 (polled every "
          + DRAIN_POLL_MILLIS
          + " ms); baseline = single-row autocommit INSERTs through the gateway's own pooled"
          + " DataSource (one borrow per insert) into a scratch table in the same H2 file, after"
          + " an uncounted tenth as warm-up.";

  private static final int FAILURE_EXAMPLES = 5;
  private static final String[] MODELS = {"FP-2000", "IP-300", "KP-40", "SD-5"};
  private static final String[] PRIORITIES = {"CRITICAL", "HIGH", "NORMAL", "NORMAL", "LOW"};

  private GatewayBenchmark() {}

  public static void main(String[] args) {
    BenchmarkExit.after(() -> run(Parameters.fromSystemProperties()));
  }

  /** Runs every phase and reports it; true when every request succeeded and all was delivered. */
  private static boolean run(Parameters parameters) throws Exception {
    Path work = Files.createTempDirectory("deskbridge-bench-");
    try {
      GatewayConfigFiles files = GatewayConfigFiles.standard(work.resolve("config"));
      List<String> partnerKeys =
          List.of(files.partner("acme", "rest"), files.partner("nordsec", "rest"));
      Map<String, Object> settings = new LinkedHashMap<>();
      // RunningGateway tunes the outbox for fast tests; figures meant for a README must come from
      // the settings an operator gets, so put the documented defaults back.
      settings.put("deskbridge.outbox.poll-interval", "1s");
      settings.put("deskbridge.outbox.initial-backoff", "2s");
      settings.put("deskbridge.outbox.max-backoff", "15m");
      settings.put("deskbridge.outbox.max-attempts", "10");
      settings.put("logging.level.root", "WARN");
      System.out.println("Starting the gateway in " + work + " ...");
      try (RunningGateway gateway =
          RunningGateway.start(work.resolve("config"), work.resolve("data"), settings)) {
        return measure(parameters, gateway, partnerKeys, work);
      }
    } finally {
      deleteTree(work);
    }
  }

  private static boolean measure(
      Parameters parameters, RunningGateway gateway, List<String> partnerKeys, Path work)
      throws Exception {
    DataSource dataSource = gateway.bean(DataSource.class);
    OutboxStore outbox = gateway.bean(OutboxStore.class);
    Clients clients = new Clients(partnerKeys.stream().map(gateway::as).toList(), gateway.agent());
    Environment environment =
        Environment.describe(dataSource, gateway.bean(GatewayProperties.class), work);

    if (parameters.warmup() > 0) {
      printf("Warm-up: %d tickets (not counted) ...%n", parameters.warmup());
      Pushes warmup = push(clients, parameters, 0, parameters.warmup());
      if (warmup.failures.count() > 0) {
        System.out.println("Warm-up failed: " + warmup.failures.describe());
        return false;
      }
      if (waitForEmptyOutbox(outbox, parameters.drainTimeout()) < 0) {
        System.out.println("Warm-up failed: the outbox did not empty");
        return false;
      }
    }

    Map<String, Long> outboxBefore = outboxStates(dataSource);
    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    printf(
        "Measured: %d tickets x (1 + %d comments) with %d clients ...%n",
        parameters.tickets(), parameters.commentsPerTicket(), parameters.clients());
    Pushes pushes = push(clients, parameters, parameters.warmup(), parameters.tickets());
    long backlog = outbox.countPending();
    long emptyAt = waitForEmptyOutbox(outbox, parameters.drainTimeout());
    Map<String, Long> outboxAfter = outboxStates(dataSource);
    // Each accepted change makes exactly one outbox row here: a partner's new ticket goes to the
    // manufacturer (its ROUTED event goes nowhere), an agent's public comment to the partner.
    Delivery delivery =
        new Delivery(
            backlog,
            emptyAt < 0 ? -1 : emptyAt - pushes.window.end(),
            pushes.window.nanos(),
            delta(outboxBefore, outboxAfter, "DELIVERED"),
            delta(outboxBefore, outboxAfter, "DEAD"),
            delta(outboxBefore, outboxAfter, "PENDING"),
            pushes.acceptedChanges());

    long databaseBytes = databaseBytes(work.resolve("data"));
    String payload = createBody(-1).replaceAll("\\s+", " ");
    printf(
        "Baseline: %d raw JDBC inserts with %d threads, then with 1 ...%n",
        parameters.baselineInserts(), parameters.clients());
    List<Summary> baseline = baseline(dataSource, parameters, payload);
    double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

    Report report =
        new Report(
            environment,
            parameters,
            pushes.summaries(),
            pushes,
            delivery,
            baseline,
            databaseBytes,
            loadBefore,
            loadAfter);
    report.print();
    report.write(parameters.output());
    System.out.println("Written to " + parameters.output().toAbsolutePath());
    return report.valid();
  }

  /** The benchmark's knobs, from {@code -Dbench.*} system properties. */
  record Parameters(
      int tickets,
      int commentsPerTicket,
      int clients,
      int warmup,
      int baselineInserts,
      Duration drainTimeout,
      Path output) {

    static Parameters fromSystemProperties() {
      Parameters parameters =
          new Parameters(
              intProperty("bench.tickets", 2000, 1),
              intProperty("bench.commentsPerTicket", 2, 0),
              intProperty("bench.clients", 8, 1),
              intProperty("bench.warmup", 300, 0),
              // Inserts take microseconds: far more of them than changes are needed for a phase
              // long enough to time.
              intProperty("bench.baselineInserts", 100_000, 1),
              Duration.ofSeconds(intProperty("bench.drainTimeoutSeconds", 600, 1)),
              Path.of(System.getProperty("bench.output", "target/bench/gateway-benchmark.json")));
      // Fails early, before the gateway starts, if the sample arrays could not hold every change.
      Math.multiplyExact(
          Math.addExact(parameters.tickets(), parameters.warmup()),
          parameters.commentsPerTicket() + 1);
      return parameters;
    }

    private static int intProperty(String name, int fallback, int min) {
      String value = System.getProperty(name);
      int parsed;
      try {
        parsed = value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'");
      }
      if (parsed < min) {
        throw new IllegalArgumentException(name + " must be at least " + min + ", not " + parsed);
      }
      return parsed;
    }
  }

  /** The callers: partners take turns opening tickets, one agent answers all of them. */
  record Clients(List<ApiClient> partners, ApiClient agent) {}

  /** Request failures, counted, with the first few kept to show what went wrong. */
  static final class Failures {
    private final AtomicInteger count = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> examples = new ConcurrentLinkedQueue<>();

    void add(String what) {
      if (count.incrementAndGet() <= FAILURE_EXAMPLES) {
        examples.add(what.length() > 300 ? what.substring(0, 300) + " ..." : what);
      }
    }

    int count() {
      return count.get();
    }

    String describe() {
      return count() == 0 ? "none" : count() + " failure(s), e.g. " + String.join(" | ", examples);
    }
  }

  /**
   * The start and end of a concurrent phase, on the System.nanoTime() scale, and how much of the
   * machine's CPU this JVM and everything else used meanwhile.
   */
  record Window(long start, long end, CpuShare cpu) {
    long nanos() {
      return end - start;
    }
  }

  /** Shares of all cores' time over a phase, 0 to 1; NaN where the platform does not tell. */
  record CpuShare(double jvm, double others) {}

  /**
   * CPU time used so far by this JVM and by the whole machine, so that a phase can tell how much of
   * the machine other processes took from it.
   */
  record CpuSample(long nanoTime, long jvmCpuNanos, long machineBusyTicks, long machineTicks) {

    static CpuSample now() {
      long jvm = -1;
      if (ManagementFactory.getOperatingSystemMXBean()
          instanceof com.sun.management.OperatingSystemMXBean os) {
        jvm = os.getProcessCpuTime();
      }
      long busy = -1;
      long total = -1;
      try {
        // Linux only: the first line sums every core; idle and iowait are the time nobody ran.
        String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        if (fields[0].equals("cpu") && fields.length >= 9) {
          total = 0;
          for (int i = 1; i <= 8; i++) {
            total += Long.parseLong(fields[i]);
          }
          busy = total - Long.parseLong(fields[4]) - Long.parseLong(fields[5]);
        }
      } catch (IOException | RuntimeException e) {
        busy = -1;
        total = -1;
      }
      return new CpuSample(System.nanoTime(), jvm, busy, total);
    }

    CpuShare until(CpuSample later) {
      int cores = Runtime.getRuntime().availableProcessors();
      double jvm =
          jvmCpuNanos < 0 || later.jvmCpuNanos < 0
              ? Double.NaN
              : (later.jvmCpuNanos - jvmCpuNanos) / ((double) (later.nanoTime - nanoTime) * cores);
      double machine =
          machineTicks < 0 || later.machineTicks <= machineTicks
              ? Double.NaN
              : (later.machineBusyTicks - machineBusyTicks)
                  / (double) (later.machineTicks - machineTicks);
      return new CpuShare(Math.min(1, jvm), Math.max(0, machine - jvm));
    }
  }

  /** Latencies of one push phase; a slot stays -1 when its request failed or was never sent. */
  static final class Pushes {
    final long[] creates;
    final long[] comments;
    final Failures failures = new Failures();
    final AtomicInteger skippedComments = new AtomicInteger();
    final int clients;
    Window window;

    Pushes(int tickets, int commentsPerTicket, int clients) {
      this.creates = new long[tickets];
      this.comments = new long[tickets * commentsPerTicket];
      this.clients = clients;
      Arrays.fill(creates, -1);
      Arrays.fill(comments, -1);
    }

    long acceptedChanges() {
      return successful(creates).length + successful(comments).length;
    }

    List<Summary> summaries() {
      long[] created = successful(creates);
      long[] commented = successful(comments);
      long[] all = LongStream.concat(Arrays.stream(created), Arrays.stream(commented)).toArray();
      int createFailures = creates.length - created.length;
      int commentFailures = comments.length - commented.length;
      return List.of(
          Summary.of("create ticket", clients, created, createFailures, window, false),
          Summary.of("agent comment", clients, commented, commentFailures, window, false),
          Summary.of("all changes", clients, all, createFailures + commentFailures, window, true));
    }

    private static long[] successful(long[] samples) {
      return Arrays.stream(samples).filter(v -> v >= 0).toArray();
    }
  }

  /**
   * Pushes tickets {@code first .. first + count - 1}, each a creation and its comments, with the
   * configured number of client threads.
   */
  private static Pushes push(Clients clients, Parameters parameters, int first, int count)
      throws InterruptedException {
    int perTicket = parameters.commentsPerTicket();
    Pushes pushes = new Pushes(count, perTicket, parameters.clients());
    pushes.window =
        runConcurrently(
            "bench-client",
            parameters.clients(),
            count,
            i -> pushTicket(clients, pushes, first + i, i, perTicket));
    return pushes;
  }

  private static void pushTicket(
      Clients clients, Pushes pushes, int number, int slot, int commentsPerTicket) {
    ApiClient partner = clients.partners().get(number % clients.partners().size());
    String ref;
    try {
      String body = createBody(number);
      long start = System.nanoTime();
      ApiClient.Answer created =
          partner.post("/api/v1/tickets", body, "Idempotency-Key", "bench-" + number);
      long nanos = System.nanoTime() - start;
      if (created.status() != 201) {
        pushes.failures.add("create " + number + ": " + created);
        pushes.skippedComments.addAndGet(commentsPerTicket);
        return;
      }
      pushes.creates[slot] = nanos;
      ref = created.json().get("ref").asText();
    } catch (RuntimeException e) {
      pushes.failures.add("create " + number + ": " + e);
      pushes.skippedComments.addAndGet(commentsPerTicket);
      return;
    }
    for (int c = 0; c < commentsPerTicket; c++) {
      try {
        String body = commentBody(number, c);
        long start = System.nanoTime();
        ApiClient.Answer answered =
            clients
                .agent()
                .post(
                    "/api/v1/tickets/" + ref + "/comments",
                    body,
                    "Idempotency-Key",
                    "bench-" + number + "-c" + c);
        long nanos = System.nanoTime() - start;
        if (answered.status() != 201) {
          pushes.failures.add("comment " + ref + "/" + c + ": " + answered);
          continue;
        }
        pushes.comments[slot * commentsPerTicket + c] = nanos;
      } catch (RuntimeException e) {
        pushes.failures.add("comment " + ref + "/" + c + ": " + e);
      }
    }
  }

  /** A partner's new ticket; models and priorities vary so that every routing rule is used. */
  static String createBody(int number) {
    String model = MODELS[Math.floorMod(number, MODELS.length)];
    String priority = PRIORITIES[Math.floorMod(number, PRIORITIES.length)];
    return """
        {"externalId": "BENCH-%d",
         "subject": "Panel %s shows earth fault after firmware update",
         "description": "Since updating to 3.2.1 the panel reports an earth fault on loop 2 every\
         night around 02:00. Site engineer checked the loop wiring; insulation is fine.",
         "priority": "%s", "category": "fault",
         "product": {"model": "%s", "serialNumber": "SN-%08d", "firmware": "3.2.1"},
         "site": {"name": "Riverside Mall", "address": "12 River Road, Leeds"},
         "requester": {"name": "Jane Doe", "email": "jane.doe@acme-fire.example",
                       "phone": "+44 113 496 0000"},
         "attributes": {"contract": "gold", "region": "north"}}
        """
        .formatted(number, model, priority, model, Math.abs(number));
  }

  /** A manufacturer agent's public answer; public so that it is delivered to the partner too. */
  static String commentBody(int number, int comment) {
    return """
        {"text": "Answer %d on BENCH-%d: this is a known issue in 3.2.1 with loop cards of batch\
         19; firmware 3.2.2 fixes it. Can you confirm the loop card batch?",
         "visibility": "PUBLIC"}
        """
        .formatted(comment + 1, number);
  }

  /**
   * Runs {@code tasks} numbered tasks on {@code threads} threads that start together and take the
   * next number from a shared counter, so fast threads are never idle while work is left.
   */
  private static Window runConcurrently(String name, int threads, int tasks, IntConsumer task)
      throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker =
          new Thread(
              () -> {
                try {
                  go.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
                for (int i = next.getAndIncrement(); i < tasks; i = next.getAndIncrement()) {
                  task.accept(i);
                }
              },
              name + "-" + t);
      worker.start();
      workers.add(worker);
    }
    CpuSample before = CpuSample.now();
    long start = System.nanoTime();
    go.countDown();
    for (Thread worker : workers) {
      worker.join();
    }
    long end = System.nanoTime();
    return new Window(start, end, before.until(CpuSample.now()));
  }

  /** The moment the outbox was seen empty, or -1 when it did not empty within the timeout. */
  private static long waitForEmptyOutbox(OutboxStore outbox, Duration timeout)
      throws InterruptedException {
    try {
      org.awaitility.Awaitility.await()
          .atMost(timeout)
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(DRAIN_POLL_MILLIS))
          .until(() -> outbox.countPending() == 0);
      return System.nanoTime();
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      return -1;
    }
  }

  private static Map<String, Long> outboxStates(DataSource dataSource) throws SQLException {
    Map<String, Long> states = new LinkedHashMap<>();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT state, COUNT(*) FROM outbox GROUP BY state")) {
      while (rows.next()) {
        states.put(rows.getString(1), rows.getLong(2));
      }
    }
    return states;
  }

  private static long delta(Map<String, Long> before, Map<String, Long> after, String state) {
    return after.getOrDefault(state, 0L) - before.getOrDefault(state, 0L);
  }

  /** How the outbox caught up after the pushes. */
  record Delivery(
      long backlogAtEnd,
      long drainNanos,
      long pushNanos,
      long delivered,
      long dead,
      long stillPending,
      long expected) {

    boolean complete() {
      return drainNanos >= 0 && delivered == expected && dead == 0 && stillPending == 0;
    }

    double endToEndPerSecond() {
      return drainNanos < 0 ? Double.NaN : delivered / seconds(pushNanos + drainNanos);
    }
  }

  private static List<Summary> baseline(
      DataSource dataSource, Parameters parameters, String payload)
      throws SQLException, InterruptedException {
    String insert = "INSERT INTO bench_baseline (payload) VALUES (?)";
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE bench_baseline (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
              + " payload VARCHAR(1000))");
    }
    try {
      int warmup = parameters.baselineInserts() / 10;
      if (warmup > 0) {
        insertAll(dataSource, insert, payload, parameters.clients(), warmup);
      }
      List<Summary> summaries = new ArrayList<>();
      for (int threads : new int[] {parameters.clients(), 1}) {
        Inserts inserts =
            insertAll(dataSource, insert, payload, threads, parameters.baselineInserts());
        long[] samples = Arrays.stream(inserts.latencies()).filter(v -> v >= 0).toArray();
        summaries.add(
            Summary.of(
                threads == 1 ? "single thread" : threads + " threads",
                threads,
                samples,
                inserts.failures().count(),
                inserts.window(),
                true));
        if (inserts.failures().count() > 0) {
          System.out.println("Baseline failures: " + inserts.failures().describe());
        }
      }
      return summaries;
    } finally {
      try (Connection connection = dataSource.getConnection();
          Statement statement = connection.createStatement()) {
        statement.execute("DROP TABLE bench_baseline");
      }
    }
  }

  /** Latencies of one baseline run; a slot stays -1 when its insert failed. */
  record Inserts(long[] latencies, Failures failures, Window window) {}

  private static Inserts insertAll(
      DataSource dataSource, String insert, String payload, int threads, int count)
      throws InterruptedException {
    long[] latencies = new long[count];
    Arrays.fill(latencies, -1);
    Failures failures = new Failures();
    Window window =
        runConcurrently(
            "bench-jdbc",
            threads,
            count,
            i -> {
              long start = System.nanoTime();
              try (Connection connection = dataSource.getConnection();
                  PreparedStatement statement = connection.prepareStatement(insert)) {
                // The baseline claims one commit per insert; a pool set up otherwise would
                // silently measure something cheaper.
                if (!connection.getAutoCommit()) {
                  throw new SQLException("the pool hands out connections without autocommit");
                }
                statement.setString(1, payload);
                statement.executeUpdate();
              } catch (SQLException | RuntimeException e) {
                failures.add("insert " + i + ": " + e);
                return;
              }
              latencies[i] = System.nanoTime() - start;
            });
    return new Inserts(latencies, failures, window);
  }

  private static long databaseBytes(Path dataDir) throws IOException {
    try (Stream<Path> files = Files.list(dataDir)) {
      long total = 0;
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        total += Files.size(file);
      }
      return total;
    }
  }

  static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      System.err.println("could not delete " + root + ": " + e);
    }
  }

  /** Count, failures, rate and latency percentiles of one kind of operation, in milliseconds. */
  record Summary(
      String name,
      int threads,
      int count,
      int failures,
      double wallSeconds,
      double perSecond,
      double p50,
      double p90,
      double p99,
      double max,
      CpuShare cpu,
      boolean wholeWindow) {

    /**
     * @param wholeWindow whether these are all the operations of the window, so that its CPU time
     *     can be divided among them
     */
    static Summary of(
        String name, int threads, long[] nanos, int failures, Window window, boolean wholeWindow) {
      long[] sorted = nanos.clone();
      Arrays.sort(sorted);
      double wall = seconds(window.nanos());
      return new Summary(
          name,
          threads,
          sorted.length,
          failures,
          wall,
          sorted.length / wall,
          millis(percentile(sorted, 50)),
          millis(percentile(sorted, 90)),
          millis(percentile(sorted, 99)),
          millis(sorted.length == 0 ? -1 : sorted[sorted.length - 1]),
          window.cpu(),
          wholeWindow);
    }

    /**
     * CPU this JVM spent per operation over the phase, clients and background work included; it
     * moves far less than the rate when other processes compete for the cores.
     */
    double cpuMillisPerOperation() {
      int cores = Runtime.getRuntime().availableProcessors();
      return count == 0 || !wholeWindow
          ? Double.NaN
          : cpu.jvm() * cores * wallSeconds * 1000 / count;
    }

    /** Nearest rank: the smallest sample with at least p percent of the samples at or below it. */
    static long percentile(long[] sorted, double p) {
      if (sorted.length == 0) {
        return -1;
      }
      int rank = (int) Math.ceil(p / 100.0 * sorted.length);
      return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    Map<String, Object> json() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("threads", threads);
      json.put("count", count);
      json.put("failures", failures);
      json.put("wallSeconds", round(wallSeconds, 3));
      json.put("perSecond", round(perSecond, 1));
      json.put("p50Ms", round(p50, 3));
      json.put("p90Ms", round(p90, 3));
      json.put("p99Ms", round(p99, 3));
      json.put("maxMs", round(max, 3));
      json.put("jvmCpuMsPerOperation", round(cpuMillisPerOperation(), 4));
      json.put("jvmCpuShare", round(cpu.jvm(), 3));
      json.put("otherProcessesCpuShare", round(cpu.others(), 3));
      return json;
    }
  }

  /** The machine, JVM, database and gateway settings the figures were taken on. */
  record Environment(Map<String, Object> values) {

    static Environment describe(DataSource dataSource, GatewayProperties properties, Path work)
        throws SQLException, IOException {
      Runtime runtime = Runtime.getRuntime();
      Map<String, Object> values = new LinkedHashMap<>();
      values.put(
          "jvm",
          System.getProperty("java.vm.name")
              + " "
              + Runtime.version()
              + " ("
              + System.getProperty("java.vm.vendor")
              + ")");
      values.put(
          "os",
          System.getProperty("os.name")
              + " "
              + System.getProperty("os.version")
              + " "
              + System.getProperty("os.arch"));
      values.put("cores", runtime.availableProcessors());
      values.put("heapMaxMiB", runtime.maxMemory() / (1024 * 1024));
      values.put(
          "gc",
          ManagementFactory.getGarbageCollectorMXBeans().stream()
              .map(GarbageCollectorMXBean::getName)
              .collect(Collectors.joining(", ")));
      values.put(
          "jvmArguments",
          String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
      try (Connection connection = dataSource.getConnection()) {
        DatabaseMetaData meta = connection.getMetaData();
        values.put(
            "database", meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion());
        values.put("jdbcUrl", meta.getURL());
      }
      values.put(
          "poolMaxSize",
          dataSource instanceof HikariDataSource hikari ? hikari.getMaximumPoolSize() : "unknown");
      values.put("fileSystem", Files.getFileStore(work).type());
      GatewayProperties.Outbox outbox = properties.outbox();
      values.put(
          "outbox",
          "poll "
              + outbox.pollInterval().toMillis()
              + " ms, batch "
              + outbox.batchSize()
              + ", lease "
              + outbox.lease().toSeconds()
              + " s, max attempts "
              + outbox.maxAttempts());
      return new Environment(values);
    }
  }

  /** Everything measured in one run, as a console table and as JSON. */
  record Report(
      Environment environment,
      Parameters parameters,
      List<Summary> gateway,
      Pushes pushes,
      Delivery delivery,
      List<Summary> baseline,
      long databaseBytes,
      double loadBefore,
      double loadAfter) {

    /** Above this share of the machine taken by other processes, figures are flagged. */
    static final double BUSY_MACHINE = 0.10;

    double busiestOthers() {
      return Stream.concat(gateway.stream(), baseline.stream())
          .mapToDouble(s -> s.cpu().others())
          .filter(v -> !Double.isNaN(v))
          .max()
          .orElse(Double.NaN);
    }

    boolean valid() {
      return pushes.failures.count() == 0
          && delivery.complete()
          && baseline.stream().allMatch(s -> s.failures() == 0);
    }

    void print() {
      String rule = "-".repeat(100);
      System.out.println();
      System.out.println("DeskBridge gateway benchmark  " + Instant.now());
      System.out.println("Method: " + METHOD);
      environment.values().forEach((name, value) -> printf("  %-13s %s%n", name, value));
      printf(
          "  %-13s tickets=%d commentsPerTicket=%d clients=%d warmup=%d tickets"
              + " baselineInserts=%d%n",
          "parameters",
          parameters.tickets(),
          parameters.commentsPerTicket(),
          parameters.clients(),
          parameters.warmup(),
          parameters.baselineInserts());
      System.out.println(rule);
      printf("Gateway over HTTP (%d clients)%n", parameters.clients());
      header("request");
      gateway.forEach(Report::row);
      printf(
          "  push wall time %.3f s; changes/s %.1f%n",
          seconds(pushes.window.nanos()), gateway.get(2).perSecond());
      if (pushes.failures.count() > 0) {
        System.out.println("  FAILURES: " + pushes.failures.describe());
        System.out.println(
            "  comments not sent after a failed creation: " + pushes.skippedComments);
      }
      System.out.println(rule);
      System.out.println("Outbox delivery");
      printf("  pending rows when the pushes ended   %d%n", delivery.backlogAtEnd());
      printf(
          "  drain time after the pushes          %s%n",
          delivery.drainNanos() < 0
              ? "did not empty within " + parameters.drainTimeout().toSeconds() + " s"
              : String.format(Locale.ROOT, "%.3f s", seconds(delivery.drainNanos())));
      printf(
          "  rows delivered                       %d of %d expected (dead %d, still pending %d)%n",
          delivery.delivered(), delivery.expected(), delivery.dead(), delivery.stillPending());
      printf(
          "  end-to-end changes delivered/s       %.1f  (over %.3f s = pushes + drain)%n",
          delivery.endToEndPerSecond(),
          seconds(delivery.pushNanos() + Math.max(0, delivery.drainNanos())));
      System.out.println(rule);
      System.out.println(
          "Baseline: raw JDBC single-row autocommit INSERTs, same H2 file, gateway's pool");
      header("inserts");
      baseline.forEach(Report::row);
      System.out.println(rule);
      printf(
          "H2 files after warm-up and measured phase: %.1f MiB%n",
          databaseBytes / (1024.0 * 1024.0));
      printf(
          "cpu ms/op: CPU time of this JVM per operation (clients and outbox included); jvm%% /"
              + " oth%%: share of all %d cores' time used by this JVM / by other processes in the"
              + " phase; 1-min load average %.2f before the measured phase, %.2f at the end%n",
          Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter);
      if (busiestOthers() > BUSY_MACHINE) {
        printf(
            "WARNING: other processes took up to %.0f%% of the machine during a phase; the gateway"
                + " and the baseline had less than the whole machine%n",
            100 * busiestOthers());
      }
      System.out.println(
          valid()
              ? "Result: valid (no failed request, every change delivered)"
              : "Result: NOT VALID, see failures above; do not quote these figures");
    }

    private static void header(String what) {
      printf(
          "  %-14s %7s %6s %9s %8s %8s %8s %8s %9s %5s %5s%n",
          what,
          "count",
          "failed",
          "per s",
          "p50 ms",
          "p90 ms",
          "p99 ms",
          "max ms",
          "cpu ms/op",
          "jvm%",
          "oth%");
    }

    private static void row(Summary s) {
      printf(
          "  %-14s %7d %6d %9.1f %8.3f %8.3f %8.3f %8.3f %9s %5.0f %5.0f%n",
          s.name(),
          s.count(),
          s.failures(),
          s.perSecond(),
          s.p50(),
          s.p90(),
          s.p99(),
          s.max(),
          Double.isNaN(s.cpuMillisPerOperation())
              ? "-"
              : String.format(Locale.ROOT, "%.4f", s.cpuMillisPerOperation()),
          100 * s.cpu().jvm(),
          100 * s.cpu().others());
    }

    void write(Path file) throws IOException {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("benchmark", "deskbridge-gateway");
      json.put("takenAt", Instant.now().toString());
      json.put("valid", valid());
      json.put("method", METHOD);
      json.put("environment", environment.values());
      Map<String, Object> knobs = new LinkedHashMap<>();
      knobs.put("tickets", parameters.tickets());
      knobs.put("commentsPerTicket", parameters.commentsPerTicket());
      knobs.put("clients", parameters.clients());
      knobs.put("warmupTickets", parameters.warmup());
      knobs.put("baselineInserts", parameters.baselineInserts());
      knobs.put("drainTimeoutSeconds", parameters.drainTimeout().toSeconds());
      json.put("parameters", knobs);
      Map<String, Object> http = new LinkedHashMap<>();
      http.put("wallSeconds", round(seconds(pushes.window.nanos()), 3));
      http.put("changesPerSecond", round(gateway.get(2).perSecond(), 1));
      http.put("create", gateway.get(0).json());
      http.put("comment", gateway.get(1).json());
      http.put("all", gateway.get(2).json());
      http.put("failureExamples", List.copyOf(pushes.failures.examples));
      json.put("gateway", http);
      Map<String, Object> outbox = new LinkedHashMap<>();
      outbox.put("pendingWhenPushesEnded", delivery.backlogAtEnd());
      outbox.put(
          "drainSeconds",
          delivery.drainNanos() < 0 ? null : round(seconds(delivery.drainNanos()), 3));
      outbox.put("delivered", delivery.delivered());
      outbox.put("expected", delivery.expected());
      outbox.put("dead", delivery.dead());
      outbox.put("stillPending", delivery.stillPending());
      outbox.put(
          "endToEndPerSecond",
          delivery.drainNanos() < 0 ? null : round(delivery.endToEndPerSecond(), 1));
      json.put("outbox", outbox);
      Map<String, Object> jdbc = new LinkedHashMap<>();
      jdbc.put("concurrent", baseline.get(0).json());
      jdbc.put("singleThread", baseline.get(1).json());
      json.put("baseline", jdbc);
      json.put("databaseBytesAfterGatewayPhases", databaseBytes);
      Map<String, Object> machine = new LinkedHashMap<>();
      machine.put("loadAverage1mBefore", round(loadBefore, 2));
      machine.put("loadAverage1mAfter", round(loadAfter, 2));
      machine.put("otherProcessesCpuShareMax", round(busiestOthers(), 3));
      machine.put("busy", busiestOthers() > BUSY_MACHINE);
      json.put("machine", machine);
      Files.createDirectories(file.toAbsolutePath().getParent());
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
    }
  }

  private static void printf(String format, Object... args) {
    // One locale for every figure, so a README can quote the output as printed.
    System.out.print(String.format(Locale.ROOT, format, args));
  }

  static double seconds(long nanos) {
    return nanos / 1e9;
  }

  static double millis(long nanos) {
    return nanos < 0 ? Double.NaN : nanos / 1e6;
  }

  /** A figure for the JSON file; null where there is none, as JSON has no NaN. */
  static Double round(double value, int decimals) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return null;
    }
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }
}
