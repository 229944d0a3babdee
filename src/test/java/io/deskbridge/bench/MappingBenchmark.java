package io.deskbridge.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deskbridge.config.ConfigProblem;
import io.deskbridge.mapping.Mapping;
import io.deskbridge.mapping.MappingFileReader;
import io.deskbridge.mapping.PartnerView;
import io.deskbridge.ticket.EventType;
import io.deskbridge.ticket.Side;
import io.deskbridge.ticket.Status;
import io.deskbridge.ticket.Ticket;
import io.deskbridge.ticket.TicketDraft;
import io.deskbridge.ticket.TicketEvent;
import io.deskbridge.ticket.TicketRef;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Measures applying a realistic 20-field partner mapping to one record (inbound), one status change
 * back to the partner (outbound), both, and a hand-written copy of the same 20 values as reference.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
// One thread, so the figures are per core; four benchmarks at 4 x 4 s warm-up and 5 x 5 s
// measurement keep the whole run near three minutes on a two-core machine.
@Threads(1)
@Fork(
    value = 1,
    jvmArgs = {"-Xmx1g"})
@Warmup(iterations = 4, time = 4)
@Measurement(iterations = 5, time = 5)
public class MappingBenchmark {

  private static final String MAPPING = "/bench/partner-20-fields.yml";
  private static final String RECORD = "/bench/partner-record.json";
  private static final int FIELDS = 20;

  private Mapping mapping;
  private Map<String, Object> record;
  private Ticket ticket;
  private TicketEvent statusChanged;

  @Setup
  public void setUp() throws IOException, URISyntaxException {
    List<ConfigProblem> problems = new ArrayList<>();
    mapping =
        new MappingFileReader()
            .read("helvex", resource(MAPPING), problems)
            .orElseThrow(() -> new IllegalStateException(MAPPING + " has problems: " + problems));
    try (InputStream in = MappingBenchmark.class.getResourceAsStream(RECORD)) {
      if (in == null) {
        throw new IllegalStateException("no " + RECORD + " on the class path");
      }
      record = new ObjectMapper().readValue(in, new TypeReference<Map<String, Object>>() {});
    }
    int mapped = mapping.inbound().ticket(record).values().size();
    if (mapping.inbound().ticketRules().size() != FIELDS || mapped != FIELDS) {
      // Fewer values would mean a rule silently found nothing, and the figures would flatter it.
      throw new IllegalStateException(
          "expected " + FIELDS + " rules and values, got " + mapped + " of " + FIELDS);
    }
    // The ticket the gateway would hold for this record, after the manufacturer moved it on.
    TicketDraft draft = inbound();
    Instant created = Instant.parse("2026-11-27T08:15:00Z");
    ticket =
        new Ticket(
            48213,
            TicketRef.of("DB", 48213),
            "helvex",
            draft.externalId(),
            draft.subject(),
            draft.description(),
            Status.WAITING_ON_MANUFACTURER,
            draft.priority(),
            draft.category(),
            draft.product(),
            draft.site(),
            draft.requester(),
            "fire-panels-l2",
            "m.keller",
            "fire-panels",
            Duration.ofHours(8),
            draft.attributes(),
            created,
            created.plusSeconds(3600),
            created.plusSeconds(1800),
            null,
            3);
    // In Progress -> Awaiting Vendor is one of the transitions the partner's workflow allows.
    statusChanged =
        new TicketEvent(
            9001,
            ticket.id(),
            EventType.STATUS_CHANGED,
            Side.MANUFACTURER,
            "agent:m.keller:42",
            created.plusSeconds(3600),
            Map.of("from", "IN_PROGRESS", "to", "WAITING_ON_MANUFACTURER"));
    PartnerView view = outbound();
    if (!view.send() || !"Awaiting Vendor".equals(state(view))) {
      throw new IllegalStateException("outbound view is not the expected one: " + view);
    }
  }

  private static Path resource(String name) throws URISyntaxException {
    URL url = MappingBenchmark.class.getResource(name);
    if (url == null) {
      throw new IllegalStateException("no " + name + " on the class path");
    }
    return Path.of(url.toURI());
  }

  @SuppressWarnings("unchecked")
  private static Object state(PartnerView view) {
    Object incident = view.record().get("incident");
    return incident instanceof Map<?, ?> map ? ((Map<String, Object>) map).get("state") : null;
  }

  /** A partner's record to a new canonical ticket. */
  @Benchmark
  public TicketDraft inbound() {
    return mapping.inbound().ticket(record).toDraft();
  }

  /** A status change of the canonical ticket to the record the partner receives. */
  @Benchmark
  public PartnerView outbound() {
    return mapping.outbound().view(ticket, statusChanged, null);
  }

  /** Both directions, as one record in and one change out. */
  @Benchmark
  public void roundTrip(Blackhole blackhole) {
    blackhole.consume(inbound());
    blackhole.consume(outbound());
  }

  /**
   * The least a hand-written mapper costs: the same 20 record values looked up directly and copied
   * into a map, without transforms, tables or checks.
   */
  @Benchmark
  @SuppressWarnings("unchecked")
  public Map<String, Object> baselineDirectCopy() {
    Map<String, Object> incident = (Map<String, Object>) record.get("incident");
    Map<String, Object> asset = (Map<String, Object>) record.get("asset");
    Map<String, Object> location = (Map<String, Object>) record.get("location");
    Map<String, Object> caller = (Map<String, Object>) record.get("caller");
    Map<String, Object> contract = (Map<String, Object>) record.get("contract");
    List<Object> customFields = (List<Object>) incident.get("custom_fields");
    Map<String, Object> values = new HashMap<>();
    values.put("externalId", incident.get("number"));
    values.put("subject", incident.get("short_description"));
    values.put("description", incident.get("description"));
    values.put("status", incident.get("state"));
    values.put("priority", incident.get("urgency"));
    values.put("category", incident.get("category"));
    values.put("product.model", customField(customFields, 9001));
    values.put("product.serialNumber", asset.get("serial"));
    values.put("product.firmware", asset.get("firmware"));
    values.put("site.name", location.get("name"));
    values.put("site.street", location.get("street"));
    values.put("site.city", location.get("city"));
    values.put("requester.name", caller.get("name"));
    values.put("requester.email", caller.get("email"));
    values.put("requester.phone", caller.get("phone"));
    values.put("attributes.openedAt", incident.get("opened_at"));
    values.put("attributes.contractHours", contract.get("hours"));
    values.put("attributes.assignmentGroup", incident.get("assignment_group"));
    values.put("attributes.customerRef", customField(customFields, 9002));
    values.put("attributes.tags", incident.get("tags"));
    return values;
  }

  @SuppressWarnings("unchecked")
  private static Object customField(List<Object> fields, int id) {
    for (Object field : fields) {
      Map<String, Object> map = (Map<String, Object>) field;
      if (map.get("id") instanceof Number number && number.intValue() == id) {
        return map.get("value");
      }
    }
    return null;
  }
}
