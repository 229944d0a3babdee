package io.deskbridge.connector.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deskbridge.connector.OutboundChange;
import io.deskbridge.ticket.EventType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one HTTP call a change becomes: a create while the partner's id of the ticket is unknown, a
 * comment when the change added one, an update otherwise; its body is the change's record in the
 * partner's own field names.
 */
record PartnerApiCall(Purpose purpose, String method, String path, byte[] body) {

  /** What the call does at the partner. */
  enum Purpose {
    CREATE,
    UPDATE,
    COMMENT
  }

  static PartnerApiCall of(OutboundChange change, RestSettings settings, ObjectMapper json) {
    byte[] body = body(change, json);
    String external = change.externalTicketId();
    if (external == null) {
      return new PartnerApiCall(
          Purpose.CREATE,
          settings.create().method(),
          expand(settings.create().path(), change, null),
          body);
    }
    RestSettings.CallTemplate template =
        change.event().type() == EventType.COMMENTED && change.comment() != null
            ? settings.comment()
            : settings.update();
    Purpose purpose = template == settings.update() ? Purpose.UPDATE : Purpose.COMMENT;
    return new PartnerApiCall(
        purpose, template.method(), expand(template.path(), change, external), body);
  }

  private static String expand(String template, OutboundChange change, String external) {
    String path = template.replace("{ref}", encode(change.ticket().ref().value()));
    return external == null ? path : path.replace("{externalId}", encode(external));
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * The change's record; for a destination without an outbound record, the canonical fields that
   * say what happened.
   */
  private static byte[] body(OutboundChange change, ObjectMapper json) {
    Map<String, Object> record = change.record();
    if (record.isEmpty()) {
      record = new LinkedHashMap<>();
      record.put("ref", change.ticket().ref().value());
      if (change.externalTicketId() != null) {
        record.put("externalId", change.externalTicketId());
      }
      record.put("event", change.event().type().name());
      record.put("subject", change.ticket().subject());
      record.put("status", String.valueOf(change.ticket().status()));
      record.put("priority", String.valueOf(change.ticket().priority()));
      if (change.comment() != null) {
        Map<String, Object> comment = new LinkedHashMap<>();
        comment.put("text", change.comment().text());
        comment.put("authorName", change.comment().authorName());
        record.put("comment", comment);
      }
    }
    try {
      return json.writeValueAsBytes(record);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a mapped record is plain maps, lists and texts", e);
    }
  }

  @Override
  public String toString() {
    return method + " " + path;
  }
}
