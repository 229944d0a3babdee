package io.deskbridge.ticket;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Tickets and the partners' references to them. Writes expect to run inside the intake's
 * transaction; updates are guarded by the ticket's version so two concurrent changes cannot
 * overwrite each other.
 */
@Repository
public class TicketStore {

  private static final String COLUMNS =
      "t.id, t.partner_id, r.external_id, t.subject, t.description, t.status, t.priority, t.category,"
          + " t.product_model, t.product_serial, t.product_firmware, t.site_name, t.site_address,"
          + " t.requester_name, t.requester_email, t.requester_phone, t.queue, t.assignee,"
          + " t.routing_rule, t.response_target_s, t.attributes, t.created_at, t.updated_at,"
          + " t.first_response_at, t.resolved_at, t.version";
  // Enough ids per lookup to save round trips, few enough for any database's parameter limit.
  private static final int LOOKUP_CHUNK = 500;
  private static final String FROM =
      " FROM ticket t LEFT JOIN partner_ticket_ref r"
          + " ON r.ticket_id = t.id AND r.partner_id = t.partner_id";

  private final JdbcClient jdbc;
  private final NamedParameterJdbcOperations batches;
  private final TicketReferences references;

  public TicketStore(NamedParameterJdbcOperations jdbc, TicketReferences references) {
    this.jdbc = JdbcClient.create(jdbc);
    this.batches = jdbc;
    this.references = references;
  }

  /**
   * Inserts a new ticket for a partner; the partner's own id, when given, becomes its reference.
   */
  public Ticket insert(
      String partnerId, TicketDraft draft, Status status, Routing routing, Instant now) {
    long id = insertAll(partnerId, List.of(new NewTicket(draft, status, routing)), now).get(0).id();
    return findById(id).orElseThrow();
  }

  /** A ticket to insert: what the partner sent, its first status and where routing put it. */
  public record NewTicket(TicketDraft draft, Status status, Routing routing) {}

  /**
   * Inserts new tickets of one partner in a batch, in order, each with the partner's own id as its
   * reference when it has one; the tickets are given back as stored.
   */
  public List<Ticket> insertAll(String partnerId, List<NewTicket> news, Instant now) {
    OffsetDateTime at = timestamp(now);
    MapSqlParameterSource[] rows = new MapSqlParameterSource[news.size()];
    for (int i = 0; i < rows.length; i++) {
      TicketDraft draft = news.get(i).draft();
      Routing routing = news.get(i).routing();
      rows[i] =
          new MapSqlParameterSource()
              .addValue("partner", partnerId)
              .addValue("subject", draft.subject())
              .addValue("description", draft.description())
              .addValue("status", news.get(i).status().name())
              .addValue("priority", routing.priority().name())
              .addValue("category", draft.category())
              .addValue("model", draft.product().model())
              .addValue("serial", draft.product().serialNumber())
              .addValue("firmware", draft.product().firmware())
              .addValue("siteName", draft.site().name())
              .addValue("siteAddress", draft.site().address())
              .addValue("reqName", draft.requester().name())
              .addValue("reqEmail", draft.requester().email())
              .addValue("reqPhone", draft.requester().phone())
              .addValue("queue", routing.queue())
              .addValue("rule", routing.rule())
              .addValue(
                  "target",
                  routing.responseTarget() == null ? null : routing.responseTarget().toSeconds())
              .addValue("attributes", JsonColumns.write(draft.attributes()))
              .addValue("now", at);
    }
    KeyHolder keys = new GeneratedKeyHolder();
    batches.batchUpdate(
        "INSERT INTO ticket (partner_id, subject, description, status, priority, category,"
            + " product_model, product_serial, product_firmware, site_name, site_address,"
            + " requester_name, requester_email, requester_phone, queue, routing_rule,"
            + " response_target_s, attributes, created_at, updated_at, version)"
            + " VALUES (:partner, :subject, :description, :status, :priority, :category,"
            + " :model, :serial, :firmware, :siteName, :siteAddress, :reqName, :reqEmail,"
            + " :reqPhone, :queue, :rule, :target, :attributes, :now, :now, 1)",
        rows,
        keys,
        new String[] {"id"});
    long[] ids = generatedIds(keys, rows.length);
    List<MapSqlParameterSource> refs = new ArrayList<>();
    List<Ticket> inserted = new ArrayList<>(rows.length);
    for (int i = 0; i < rows.length; i++) {
      NewTicket fresh = news.get(i);
      TicketDraft draft = fresh.draft();
      if (draft.externalId() != null) {
        refs.add(
            new MapSqlParameterSource()
                .addValue("partner", partnerId)
                .addValue("external", draft.externalId())
                .addValue("id", ids[i]));
      }
      inserted.add(
          new Ticket(
              ids[i],
              references.of(ids[i]),
              partnerId,
              draft.externalId(),
              draft.subject(),
              draft.description(),
              fresh.status(),
              fresh.routing().priority(),
              draft.category(),
              draft.product(),
              draft.site(),
              draft.requester(),
              fresh.routing().queue(),
              null,
              fresh.routing().rule(),
              fresh.routing().responseTarget(),
              draft.attributes(),
              now,
              now,
              null,
              null,
              1));
    }
    if (!refs.isEmpty()) {
      batches.batchUpdate(
          "INSERT INTO partner_ticket_ref (partner_id, external_id, ticket_id)"
              + " VALUES (:partner, :external, :id)",
          refs.toArray(MapSqlParameterSource[]::new));
    }
    return inserted;
  }

  /**
   * The ids a batch insert generated, in the order of its rows. Drivers name the key column in
   * their own case, so the one requested key is taken by position.
   */
  static long[] generatedIds(KeyHolder keys, int rows) {
    List<Map<String, Object>> list = keys.getKeyList();
    if (list.size() != rows) {
      throw new IllegalStateException(
          "the database gave " + list.size() + " generated ids for " + rows + " rows");
    }
    long[] ids = new long[rows];
    for (int i = 0; i < rows; i++) {
      ids[i] = ((Number) list.get(i).values().iterator().next()).longValue();
    }
    return ids;
  }

  /** The queue, priority and response target a routing decision gives a new ticket. */
  public record Routing(String queue, String rule, Priority priority, Duration responseTarget) {}

  /**
   * Writes the ticket's changed fields if nobody changed it since it was read.
   *
   * @throws ConcurrentTicketChangeException when the stored version moved on
   */
  public Ticket update(Ticket changed, Instant now) {
    updateAll(List.of(changed), now);
    return findById(changed.id()).orElseThrow();
  }

  /**
   * Writes the changed fields of several tickets in a batch, each only if nobody changed it since
   * it was read; gives them back as stored.
   *
   * @throws ConcurrentTicketChangeException when a stored version moved on; the caller's
   *     transaction must then be rolled back, since the others were written
   */
  public List<Ticket> updateAll(List<Ticket> changed, Instant now) {
    MapSqlParameterSource[] rows = new MapSqlParameterSource[changed.size()];
    for (int i = 0; i < rows.length; i++) {
      Ticket ticket = changed.get(i);
      rows[i] =
          new MapSqlParameterSource()
              .addValue("subject", ticket.subject())
              .addValue("status", ticket.status().name())
              .addValue("priority", ticket.priority().name())
              .addValue("category", ticket.category())
              .addValue("queue", ticket.queue())
              .addValue("assignee", ticket.assignee())
              .addValue("attributes", JsonColumns.write(ticket.attributes()))
              .addValue("firstResponse", timestamp(ticket.firstResponseAt()))
              .addValue("resolved", timestamp(ticket.resolvedAt()))
              .addValue("now", timestamp(now))
              .addValue("id", ticket.id())
              .addValue("version", ticket.version());
    }
    int[] counts =
        batches.batchUpdate(
            "UPDATE ticket SET subject = :subject, status = :status, priority = :priority,"
                + " category = :category, queue = :queue, assignee = :assignee,"
                + " attributes = :attributes, first_response_at = :firstResponse,"
                + " resolved_at = :resolved, updated_at = :now, version = version + 1"
                + " WHERE id = :id AND version = :version",
            rows);
    List<Ticket> stored = new ArrayList<>(rows.length);
    for (int i = 0; i < rows.length; i++) {
      if (counts[i] != 1) {
        throw new ConcurrentTicketChangeException(changed.get(i).ref());
      }
      stored.add(changed.get(i).storedAt(now));
    }
    return stored;
  }

  /**
   * Marks the ticket as changed without touching its fields, so that readers polling by time see
   * it.
   */
  public void touch(long ticketId, Instant now) {
    jdbc.sql("UPDATE ticket SET updated_at = :now, version = version + 1 WHERE id = :id")
        .param("now", timestamp(now))
        .param("id", ticketId)
        .update();
  }

  public Optional<Ticket> findById(long id) {
    return jdbc.sql("SELECT " + COLUMNS + FROM + " WHERE t.id = :id")
        .param("id", id)
        .query(this::map)
        .optional();
  }

  /** The tickets with these ids, where they exist. */
  public Map<Long, Ticket> findByIds(Collection<Long> ids) {
    Map<Long, Ticket> found = new HashMap<>();
    List<Long> all = List.copyOf(ids);
    for (int from = 0; from < all.size(); from += LOOKUP_CHUNK) {
      jdbc.sql("SELECT " + COLUMNS + FROM + " WHERE t.id IN (:ids)")
          .param("ids", all.subList(from, Math.min(all.size(), from + LOOKUP_CHUNK)))
          .query(this::map)
          .list()
          .forEach(ticket -> found.put(ticket.id(), ticket));
    }
    return found;
  }

  public Optional<Ticket> findByRef(TicketRef ref) {
    if (!references.isOurs(ref)) {
      return Optional.empty();
    }
    return findById(ref.number());
  }

  public Optional<Ticket> findByExternalId(String partnerId, String externalId) {
    // The reference table's primary key finds the ticket; joining from ticket would scan it. Which
    // side may see the ticket is the caller's decision (Intake.locate).
    if (externalId == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(idsByExternalId(partnerId, List.of(externalId)).get(externalId))
        .flatMap(this::findById);
  }

  /** The ids of the partner's tickets that its own system calls by these ids, where there are. */
  public Map<String, Long> idsByExternalId(String partnerId, Collection<String> externalIds) {
    Map<String, Long> found = new HashMap<>();
    List<String> all = List.copyOf(externalIds);
    for (int from = 0; from < all.size(); from += LOOKUP_CHUNK) {
      // Joined from a list of rows, which both databases look up by the primary key one by one;
      // H2 would scan the partner's every reference for "external_id IN (...)".
      List<Object[]> wanted = new ArrayList<>();
      for (String externalId : all.subList(from, Math.min(all.size(), from + LOOKUP_CHUNK))) {
        wanted.add(new Object[] {externalId});
      }
      jdbc.sql(
              "SELECT r.external_id, r.ticket_id FROM (VALUES :ids) AS wanted (external_id)"
                  + " JOIN partner_ticket_ref r"
                  + " ON r.partner_id = :partner AND r.external_id = wanted.external_id")
          .param("ids", wanted)
          .param("partner", partnerId)
          .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2)))
          .list()
          .forEach(id -> found.put(id.getKey(), id.getValue()));
    }
    return found;
  }

  /** One page of tickets ordered by last change, after the cursor position. */
  public List<Ticket> page(TicketQuery query) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + FROM + " WHERE 1 = 1");
    var params = new java.util.LinkedHashMap<String, Object>();
    if (query.partnerId() != null) {
      sql.append(" AND t.partner_id = :partner");
      params.put("partner", query.partnerId());
    }
    if (query.queue() != null) {
      sql.append(" AND t.queue = :queue");
      params.put("queue", query.queue());
    }
    if (query.status() != null) {
      sql.append(" AND t.status = :status");
      params.put("status", query.status().name());
    }
    if (query.updatedSince() != null) {
      sql.append(" AND t.updated_at >= :since");
      params.put("since", timestamp(query.updatedSince()));
    }
    if (query.after() != null) {
      sql.append(
          " AND (t.updated_at > :afterTime OR (t.updated_at = :afterTime AND t.id > :afterId))");
      params.put("afterTime", timestamp(query.after().updatedAt()));
      params.put("afterId", query.after().id());
    }
    sql.append(" ORDER BY t.updated_at, t.id LIMIT ").append(query.limit());
    return jdbc.sql(sql.toString()).params(params).query(this::map).list();
  }

  /** Counts open tickets per queue, for the queue overview. */
  public long countInQueue(String queue, boolean openOnly) {
    String sql = "SELECT COUNT(*) FROM ticket WHERE queue = :queue";
    if (openOnly) {
      sql += " AND status NOT IN ('RESOLVED', 'CLOSED')";
    }
    return jdbc.sql(sql).param("queue", queue).query(Long.class).single();
  }

  private Ticket map(ResultSet rs, int row) throws SQLException {
    Long target = (Long) rs.getObject("response_target_s", Long.class);
    return new Ticket(
        rs.getLong("id"),
        references.of(rs.getLong("id")),
        rs.getString("partner_id"),
        rs.getString("external_id"),
        rs.getString("subject"),
        rs.getString("description"),
        Status.valueOf(rs.getString("status")),
        Priority.valueOf(rs.getString("priority")),
        rs.getString("category"),
        new Product(
            rs.getString("product_model"),
            rs.getString("product_serial"),
            rs.getString("product_firmware")),
        new Site(rs.getString("site_name"), rs.getString("site_address")),
        new Contact(
            rs.getString("requester_name"),
            rs.getString("requester_email"),
            rs.getString("requester_phone")),
        rs.getString("queue"),
        rs.getString("assignee"),
        rs.getString("routing_rule"),
        target == null ? null : Duration.ofSeconds(target),
        JsonColumns.readStrings(rs.getString("attributes")),
        instant(rs, "created_at"),
        instant(rs, "updated_at"),
        instant(rs, "first_response_at"),
        instant(rs, "resolved_at"),
        rs.getLong("version"));
  }

  static OffsetDateTime timestamp(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
