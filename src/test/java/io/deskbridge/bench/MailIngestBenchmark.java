package io.deskbridge.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.deskbridge.connector.email.MailParser;
import io.deskbridge.support.GatewayConfigFiles;
import io.deskbridge.support.RunningGateway;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Measures mail ingest end to end: messages waiting in a real IMAP mailbox (GreenMail) are polled
 * by the gateway, stored raw, read, classified, threaded and applied as tickets and comments, with
 * acknowledgements sent by SMTP. The baseline, in the same JVM and run, is the MIME reader alone
 * over the same messages.
 */
public final class MailIngestBenchmark {

  private static final String SUPPORT = "support@maker.example";
  private static final String ROUTE = "smallfire-mailbox";
  private static final int WAVE = 250;

  private static final String METHOD =
      "GreenMail (IMAP+SMTP) and the gateway share one JVM and machine; N generated messages of a"
          + " fixed mix (40% new plain-text tickets, 15% HTML-only windows-1251 tickets, 10% new"
          + " tickets with a 48 KB PDF, 25% Outlook-style quoted replies threaded by In-Reply-To"
          + " to an earlier message, 10% out-of-office auto-replies) from 50 sender addresses are"
          + " delivered in waves of 250 into the INBOX while the poller is stopped, after an uncounted"
          + " warm-up of W messages; processed mail is deleted (processed: delete); pollInterval 200"
          + " ms, fetched and marked in batches of 100; rate = N / sum over the waves of the time"
          + " from starting the poller to the wave's last raw_input row; per-message time = gap between consecutive raw_input.received_at"
          + " stamps of the single poller thread (fetch, store, read, apply, acknowledge),"
          + " percentiles nearest-rank; baseline = MailParser.parse alone over the same N messages,"
          + " after one uncounted pass.";

  private MailIngestBenchmark() {}

  public static void main(String[] args) {
    BenchmarkExit.after(() -> run());
  }

  private static boolean run() throws Exception {
    int count = Integer.getInteger("bench.mails", 3000);
    int warmup = Integer.getInteger("bench.mailWarmup", 300);
    Path output =
        Path.of(System.getProperty("bench.mailOutput", "target/bench/mail-ingest-benchmark.json"));
    Path work = Files.createTempDirectory("deskbridge-mail-bench-");
    GreenMail mail =
        new GreenMail(
            new ServerSetup[] {
              ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort()
            });
    mail.start();
    try {
      GreenMailUser support = mail.setUser(SUPPORT, SUPPORT, "bench-secret");
      Path password = work.resolve("imap-password");
      Files.writeString(password, "bench-secret");
      GatewayConfigFiles files = GatewayConfigFiles.standard(work.resolve("config"));
      files.emailPartner(
          SUPPORT,
          mail.getImap().getPort(),
          mail.getSmtp().getPort(),
          password,
          "  pollInterval: 200ms\n  processed: delete\n");
      Map<String, Object> settings = new LinkedHashMap<>();
      settings.put("logging.level.root", "WARN");
      try (RunningGateway gateway =
          RunningGateway.start(work.resolve("config"), work.resolve("data"), settings)) {
        JdbcClient jdbc = gateway.bean(JdbcClient.class);
        List<byte[]> warm = messages("w", warmup);
        deliver(support, warm);
        awaitRows(jdbc, warmup);
        List<byte[]> batch = messages("m", count);
        // Each wave waits in the mailbox while the poller is stopped, so the figure is the
        // gateway's ingest rate and not how fast the test server accepts deliveries; waves keep
        // the INBOX as small as a drained production mailbox (GreenMail looks up every message
        // by scanning its folder, which would otherwise dominate).
        CamelContext camel = gateway.bean(CamelContext.class);
        double seconds = 0;
        List<Long> gapList = new ArrayList<>();
        for (int from = 0; from < count; from += WAVE) {
          List<byte[]> wave = batch.subList(from, Math.min(count, from + WAVE));
          camel.getRouteController().stopRoute(ROUTE);
          long firstId = maxRawId(jdbc);
          deliver(support, wave);
          long start = System.nanoTime();
          camel.getRouteController().startRoute(ROUTE);
          awaitRows(jdbc, warmup + from + wave.size());
          seconds += (System.nanoTime() - start) / 1e9;
          for (long gap : gaps(jdbc, firstId)) {
            gapList.add(gap);
          }
        }
        long[] gaps = gapList.stream().mapToLong(Long::longValue).sorted().toArray();
        double baseline = parseRate(batch);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("method", METHOD);
        json.put("mails", count);
        json.put("warmup", warmup);
        json.put("seconds", Math.round(seconds * 1000) / 1000.0);
        json.put("mailsPerSecond", Math.round(count / seconds * 10) / 10.0);
        json.put("p50Ms", gaps[gaps.length / 2] / 1000.0);
        json.put("p99Ms", GatewayBenchmark.Summary.percentile(gaps, 99) / 1000.0);
        json.put("maxMs", gaps[gaps.length - 1] / 1000.0);
        json.put("baselineParseMailsPerSecond", Math.round(baseline * 10) / 10.0);
        json.put("tickets", jdbc.sql("SELECT COUNT(*) FROM ticket").query(Long.class).single());
        json.put("comments", jdbc.sql("SELECT COUNT(*) FROM comment").query(Long.class).single());
        json.put("acknowledgements", mail.getReceivedMessages().length);
        Files.createDirectories(output.getParent());
        new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .writeValue(output.toFile(), json);
        System.out.println(
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json));
        return true;
      }
    } finally {
      mail.stop();
      GatewayBenchmark.deleteTree(work);
    }
  }

  private static List<byte[]> messages(String prefix, int count) {
    byte[] pdf = new byte[48 * 1024];
    Arrays.fill(pdf, (byte) 'x');
    String pdfBase64 = Base64.getMimeEncoder().encodeToString(pdf);
    Charset cp1251 = Charset.forName("windows-1251");
    List<byte[]> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String from = "tech" + (i % 50) + "@smallfire.example";
      String id = prefix + i + "@smallfire.example";
      String head =
          "From: Tech "
              + (i % 50)
              + " <"
              + from
              + ">\r\nTo: "
              + SUPPORT
              + "\r\nMessage-ID: <"
              + id
              + ">\r\nDate: Fri, 27 Nov 2026 10:00:00 +0100\r\nMIME-Version: 1.0\r\n";
      int shape = i % 20;
      String mail;
      if (shape < 8) {
        mail =
            head
                + "Subject: Panel FP-"
                + i
                + " earth fault\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
                + "Loop 2 reports an earth fault every night around 02:00.\r\nPanel serial SN-"
                + i
                + ".\r\n";
      } else if (shape < 11) {
        String html =
            "<html><body><p>Извещатель "
                + i
                + " не отвечает.</p><p>Шлейф 3, зона 12.</p></body></html>";
        out.add(
            (head
                    + "Subject: Извещатель "
                    + i
                    + "\r\nContent-Type: text/html; charset=windows-1251\r\n"
                    + "Content-Transfer-Encoding: 8bit\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        byte[] first = out.remove(out.size() - 1);
        byte[] body = html.getBytes(cp1251);
        byte[] whole = Arrays.copyOf(first, first.length + body.length);
        System.arraycopy(body, 0, whole, first.length, body.length);
        out.add(whole);
        continue;
      } else if (shape < 13) {
        mail =
            head
                + "Subject: Log of panel "
                + i
                + "\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nEvent log attached.\r\n"
                + "--b\r\nContent-Type: application/pdf; name=\"log.pdf\"\r\nContent-Disposition: attachment; filename=\"log.pdf\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n"
                + pdfBase64
                + "\r\n--b--\r\n";
      } else if (shape < 18) {
        String earlier = prefix + (i - shape) + "@smallfire.example";
        mail =
            head
                + "Subject: RE: Panel FP-"
                + (i - shape)
                + " earth fault\r\nIn-Reply-To: <"
                + earlier
                + ">\r\nReferences: <"
                + earlier
                + ">\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
                + "Replaced the loop resistor, fault gone.\r\n\r\nFrom: Support <"
                + SUPPORT
                + ">\r\n"
                + "Sent: Friday, November 27, 2026 09:00\r\nTo: "
                + from
                + "\r\nSubject: Panel\r\n\r\n"
                + "Please measure the loop resistance.\r\n";
      } else {
        mail =
            head
                + "Subject: Automatic reply: Panel\r\nAuto-Submitted: auto-replied\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\nI am out of the office.\r\n";
      }
      out.add(mail.getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  private static void deliver(GreenMailUser user, List<byte[]> messages) throws Exception {
    Session session = Session.getInstance(new Properties());
    for (byte[] raw : messages) {
      user.deliver(new MimeMessage(session, new ByteArrayInputStream(raw)));
    }
  }

  private static long maxRawId(JdbcClient jdbc) {
    return jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM raw_input").query(Long.class).single();
  }

  private static void awaitRows(JdbcClient jdbc, long rows) {
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofMinutes(10))
        .pollInterval(java.time.Duration.ofMillis(20))
        .until(() -> jdbc.sql("SELECT COUNT(*) FROM raw_input").query(Long.class).single() >= rows);
  }

  /** Microseconds between consecutive stored messages, sorted. */
  private static long[] gaps(JdbcClient jdbc, long afterId) {
    List<Timestamp> stamps =
        jdbc.sql("SELECT received_at FROM raw_input WHERE id > :id ORDER BY id")
            .param("id", afterId)
            .query(Timestamp.class)
            .list();
    long[] gaps = new long[stamps.size() - 1];
    for (int i = 1; i < stamps.size(); i++) {
      java.time.Duration gap =
          java.time.Duration.between(stamps.get(i - 1).toInstant(), stamps.get(i).toInstant());
      gaps[i - 1] = gap.toNanos() / 1000;
    }
    Arrays.sort(gaps);
    return gaps;
  }

  private static double parseRate(List<byte[]> batch) throws Exception {
    MailParser parser = new MailParser();
    for (byte[] raw : batch) {
      parser.parse(raw);
    }
    long start = System.nanoTime();
    for (byte[] raw : batch) {
      parser.parse(raw);
    }
    return batch.size() / ((System.nanoTime() - start) / 1e9);
  }
}
