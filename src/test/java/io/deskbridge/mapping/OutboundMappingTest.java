package io.deskbridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

import io.deskbridge.ticket.Attachment;
import io.deskbridge.ticket.Comment;
import io.deskbridge.ticket.Contact;
import io.deskbridge.ticket.EventType;
import io.deskbridge.ticket.Priority;
import io.deskbridge.ticket.Product;
import io.deskbridge.ticket.Side;
import io.deskbridge.ticket.Site;
import io.deskbridge.ticket.Status;
import io.deskbridge.ticket.Ticket;
import io.deskbridge.ticket.TicketEvent;
import io.deskbridge.ticket.TicketRef;
import io.deskbridge.ticket.Visibility;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What leaves the gateway toward a partner: the allowlist, the partner's names and words, its
 * workflow.
 */
class OutboundMappingTest {

  private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");

  /** Status table on lines 2-8, outbound rules on lines 12-16, the workflow from line 18. */
  private static final String PARTNER =
      """
      tables:
        statuses:
          new: NEW
          open: OPEN
          pending: WAITING_ON_PARTNER
          solved: RESOLVED
          closed: CLOSED
          reopened: OPEN
      outbound:
        allow: [status, priority, subject, publicComments, attributes.resolutionCode]
        fields:
          status: { to: ticket.state, table: statuses }
          priority: { to: prio, values: { P1: CRITICAL, P2: HIGH, P3: NORMAL } }
          comment.text: { to: comment.body }
          comment.authorName: { to: comment.author.name }
          attributes.resolutionCode: { to: Код решения }
        workflow:
          transitions:
            new: [open, solved]
            open: [pending, solved]
            pending: [open, solved]
            solved: [closed, open]
          requires:
            solved: [attributes.resolutionCode]
      """;

  @TempDir Path dir;

  private MappingCase partner;

  private OutboundMapping outbound() {
    partner = MappingCase.of(dir, PARTNER);
    return partner.valid().outbound();
  }

  private static Ticket ticket(Status status, Priority priority, Map<String, String> attributes) {
    return new Ticket(
        7,
        new TicketRef("DB-000007"),
        "acme-fire",
        "4711",
        "Panel offline",
        "Earth fault on loop 2",
        status,
        priority,
        "fault",
        new Product("FP-2000", "FP2K-0042", "3.2.1"),
        new Site("Riverside Mall", "12 River Road, Leeds"),
        new Contact("Jane Doe", "jane@acme.example", "+44 113 000"),
        "fire-panels-l2",
        "agent.smith",
        "panels",
        Duration.ofHours(4),
        attributes,
        T0,
        T0,
        null,
        null,
        3);
  }

  private static Ticket ticket() {
    return ticket(
        Status.OPEN, Priority.HIGH, Map.of("resolutionCode", "R-12", "costCentre", "CC-1"));
  }

  private static TicketEvent event(EventType type, Map<String, Object> data) {
    return new TicketEvent(1, 7, type, Side.MANUFACTURER, "key-1", T0, data);
  }

  private static TicketEvent statusChange(Status from, Status to) {
    return event(EventType.STATUS_CHANGED, Map.of("from", from.name(), "to", to.name()));
  }

  private static Comment comment(Visibility visibility) {
    Attachment log = new Attachment(3, 7, 9L, "panel.log", "text/plain", 12, "ab".repeat(32), T0);
    return new Comment(
        9,
        7,
        Side.MANUFACTURER,
        "Agent Smith",
        "smith@maker.example",
        visibility,
        "Please send the panel log.",
        "<p>Please send the panel log.</p>",
        null,
        null,
        T0,
        List.of(log));
  }

  // --- allowlist
  // ----------------------------------------------------------------------------------

  @Test
  void allowlistTakesOutEveryFieldItDoesNotList() {
    // Given an allowlist of status and subject
    Allowlist allowlist = new Allowlist(Set.of("status", "subject"));

    // When a full ticket is filtered
    Ticket visible = allowlist.filter(ticket());

    // Then only those fields (and the ticket's identity) are left
    assertThat(visible.status()).isEqualTo(Status.OPEN);
    assertThat(visible.subject()).isEqualTo("Panel offline");
    assertThat(visible.ref()).isEqualTo(new TicketRef("DB-000007"));
    assertThat(visible.externalId()).isEqualTo("4711");
    assertThat(visible.description()).isNull();
    assertThat(visible.priority()).isNull();
    assertThat(visible.category()).isNull();
    assertThat(visible.product()).isEqualTo(new Product(null, null, null));
    assertThat(visible.site()).isEqualTo(new Site(null, null));
    assertThat(visible.requester()).isEqualTo(new Contact(null, null, null));
    assertThat(visible.attributes()).isEmpty();
  }

  @Test
  void allowlistNeverLetsTheManufacturersOwnOrganisationLeave() {
    // Given the allowlist partners without a mapping get
    Allowlist allowlist = Allowlist.everythingPublic();

    // When a ticket in a queue, with an assignee and a routing rule, is filtered
    Ticket visible = allowlist.filter(ticket());

    // Then queue, assignee, routing rule and response target are taken out, as nothing lists them
    assertThat(visible.queue()).isNull();
    assertThat(visible.assignee()).isNull();
    assertThat(visible.routingRule()).isNull();
    assertThat(visible.responseTarget()).isNull();
  }

  @Test
  void groupNameAllowsEachFieldOfTheGroup() {
    // Given an allowlist with the product group
    Allowlist allowlist = new Allowlist(Set.of("product"));

    // When a ticket is filtered
    Ticket visible = allowlist.filter(ticket());

    // Then model, serial number and firmware stay; the site does not
    assertThat(visible.product()).isEqualTo(new Product("FP-2000", "FP2K-0042", "3.2.1"));
    assertThat(visible.site()).isEqualTo(new Site(null, null));
    assertThat(allowlist.allows("product.firmware")).isTrue();
    assertThat(allowlist.allows("productx")).isFalse();
  }

  @Test
  void singleFieldOfAGroupAllowsOnlyThatField() {
    // Given an allowlist with requester.email only
    Allowlist allowlist = new Allowlist(Set.of("requester.email"));

    // When a ticket is filtered
    Ticket visible = allowlist.filter(ticket());

    // Then the e-mail stays and the name and phone do not
    assertThat(visible.requester()).isEqualTo(new Contact(null, "jane@acme.example", null));
  }

  @Test
  void namedAttributeAllowsOnlyThatAttribute() {
    // Given an allowlist with attributes.resolutionCode
    Allowlist allowlist = new Allowlist(Set.of("attributes.resolutionCode"));

    // When a ticket with two attributes is filtered
    Ticket visible = allowlist.filter(ticket());

    // Then only that attribute is left
    assertThat(visible.attributes()).containsOnly(entry("resolutionCode", "R-12"));
  }

  @Test
  void attributesGroupAllowsEveryAttribute() {
    // Given an allowlist with the attributes group
    Allowlist allowlist = new Allowlist(Set.of("attributes"));

    // When a ticket with two attributes is filtered
    Ticket visible = allowlist.filter(ticket());

    // Then both are left
    assertThat(visible.attributes())
        .containsOnly(entry("resolutionCode", "R-12"), entry("costCentre", "CC-1"));
  }

  // --- comments
  // -----------------------------------------------------------------------------------

  @Test
  void internalCommentIsFilteredWithItsReason() {
    // Given a partner that takes public comments
    OutboundMapping outbound = outbound();

    // When an internal comment is viewed for it
    PartnerView view =
        outbound.view(ticket(), event(EventType.COMMENTED, Map.of()), comment(Visibility.INTERNAL));

    // Then it is not sent, saying why
    assertThat(view.send()).isFalse();
    assertThat(view.filteredReason()).isEqualTo("internal comments never leave the gateway");
    assertThat(view.record()).isEmpty();
  }

  @Test
  void internalCommentIsFilteredEvenForAPartnerThatTakesEverything() {
    // Given the defaults for partners without a mapping
    OutboundMapping outbound = OutboundMapping.defaults();

    // When an internal comment is viewed
    PartnerView view =
        outbound.view(ticket(), event(EventType.COMMENTED, Map.of()), comment(Visibility.INTERNAL));

    // Then it is not sent
    assertThat(view.send()).isFalse();
  }

  @Test
  void publicCommentIsFilteredWhenPublicCommentsAreNotAllowed() {
    // Given a partner whose allowlist has only status
    OutboundMapping outbound =
        MappingCase.of(dir, "outbound:\n  allow: [status]\n").valid().outbound();

    // When a public comment is viewed for it
    PartnerView view =
        outbound.view(ticket(), event(EventType.COMMENTED, Map.of()), comment(Visibility.PUBLIC));

    // Then it is not sent, saying why
    assertThat(view.send()).isFalse();
    assertThat(view.filteredReason()).isEqualTo("publicComments is not in the allowlist");
  }

  @Test
  void publicCommentLeavesWithoutAttachmentsWhenTheyAreNotAllowed() {
    // Given a partner that takes public comments but not attachments
    OutboundMapping outbound = outbound();

    // When a public comment with a file is viewed for it
    PartnerView view =
        outbound.view(ticket(), event(EventType.COMMENTED, Map.of()), comment(Visibility.PUBLIC));

    // Then it is sent without the file, in the partner's names
    assertThat(view.send()).isTrue();
    assertThat(view.comment().text()).isEqualTo("Please send the panel log.");
    assertThat(view.comment().attachments()).isEmpty();
    assertThat(view.record())
        .containsEntry(
            "comment",
            Map.of(
                "body",
                "Please send the panel log.",
                "html",
                "<p>Please send the panel log.</p>",
                "author",
                Map.of("name", "Agent Smith"),
                "authorEmail",
                "smith@maker.example"));
  }

  @Test
  void publicCommentKeepsItsAttachmentsWhenTheyAreAllowed() {
    // Given a partner that takes public comments and attachments
    OutboundMapping outbound =
        MappingCase.of(dir, "outbound:\n  allow: [publicComments, attachments]\n")
            .valid()
            .outbound();

    // When a public comment with a file is viewed for it
    PartnerView view =
        outbound.view(ticket(), event(EventType.COMMENTED, Map.of()), comment(Visibility.PUBLIC));

    // Then the file goes with it
    assertThat(view.send()).isTrue();
    assertThat(view.comment().attachments())
        .singleElement()
        .extracting(Attachment::name)
        .isEqualTo("panel.log");
  }

  // --- status changes
  // -----------------------------------------------------------------------------

  @Test
  void statusChangeIsSentInThePartnersWordUnderItsName() {
    // Given a partner with a status table and workflow
    OutboundMapping outbound = outbound();

    // When a change from NEW to OPEN is viewed
    PartnerView view = outbound.view(ticket(), statusChange(Status.NEW, Status.OPEN), null);

    // Then it is sent, with the status in the partner's word at its 'to' path
    assertThat(view.send()).isTrue();
    assertThat(view.record()).containsEntry("ticket", Map.of("state", "open"));
    assertThat(view.record()).containsEntry("event", "STATUS_CHANGED");
    assertThat(view.record()).containsEntry("ref", "DB-000007");
  }

  @Test
  void reversedTableSendsTheFirstWordListedForAValue() {
    // Given a status table where OPEN is 'open' and then 'reopened'
    OutboundMapping outbound = outbound();

    // When the word for OPEN is asked for
    String word = outbound.partnerWord("status", "OPEN");

    // Then it is the first one listed
    assertThat(word).isEqualTo("open");
  }

  @Test
  void statusChangeTheWorkflowDoesNotAllowIsRejectedNamingBothWords() {
    // Given a workflow (line 18) where 'new' cannot go to 'pending'
    OutboundMapping outbound = outbound();

    // When a change from NEW to WAITING_ON_PARTNER is viewed
    MappingRejectedException rejected =
        catchThrowableOfType(
            MappingRejectedException.class,
            () ->
                outbound.view(ticket(), statusChange(Status.NEW, Status.WAITING_ON_PARTNER), null));

    // Then it is rejected naming the file, line and the partner's two words
    assertThat(rejected.reasons())
        .containsExactly(
            partner.at(18) + "status: the partner's workflow has no transition 'new' -> 'pending'");
    assertThat(rejected.field()).isEqualTo("status");
  }

  @Test
  void statusThatNeedsAMissingAttributeIsRejectedNamingIt() {
    // Given a workflow where 'solved' requires a resolution code
    OutboundMapping outbound = outbound();
    Ticket withoutCode = ticket(Status.RESOLVED, Priority.HIGH, Map.of("costCentre", "CC-1"));

    // When a ticket without one changes from OPEN to RESOLVED
    MappingRejectedException rejected =
        catchThrowableOfType(
            MappingRejectedException.class,
            () -> outbound.view(withoutCode, statusChange(Status.OPEN, Status.RESOLVED), null));

    // Then it is rejected naming the status word and the attribute
    assertThat(rejected.reasons())
        .containsExactly(
            partner.at(18)
                + "status: entering 'solved' needs attributes.resolutionCode, which the ticket"
                + " does not have");
  }

  @Test
  void statusThatNeedsAnAttributeIsSentWhenTheTicketHasIt() {
    // Given a workflow where 'solved' requires a resolution code
    OutboundMapping outbound = outbound();
    Ticket resolved = ticket(Status.RESOLVED, Priority.HIGH, Map.of("resolutionCode", "R-12"));

    // When a ticket with one changes from OPEN to RESOLVED
    PartnerView view = outbound.view(resolved, statusChange(Status.OPEN, Status.RESOLVED), null);

    // Then it is sent with the status word and the code under the partner's name
    assertThat(view.send()).isTrue();
    assertThat(view.record())
        .containsEntry("ticket", Map.of("state", "solved"))
        .containsEntry("Код решения", "R-12");
  }

  @Test
  void statusWithoutAWordInTheTableIsRejected() {
    // Given a status table (line 12) without a word for WAITING_ON_MANUFACTURER
    OutboundMapping outbound = outbound();

    // When a change to that status is viewed
    MappingRejectedException rejected =
        catchThrowableOfType(
            MappingRejectedException.class,
            () ->
                outbound.view(
                    ticket(), statusChange(Status.OPEN, Status.WAITING_ON_MANUFACTURER), null));

    // Then it is rejected naming the status and the table
    assertThat(rejected.reasons())
        .containsExactly(
            partner.at(12)
                + "status: status WAITING_ON_MANUFACTURER has no word in table statuses");
  }

  @Test
  void statusChangeIsFilteredWhenStatusIsNotAllowed() {
    // Given a partner that takes only public comments
    OutboundMapping outbound =
        MappingCase.of(dir, "outbound:\n  allow: [publicComments]\n").valid().outbound();

    // When a status change is viewed
    PartnerView view = outbound.view(ticket(), statusChange(Status.NEW, Status.OPEN), null);

    // Then it is not sent, saying why
    assertThat(view.send()).isFalse();
    assertThat(view.filteredReason()).isEqualTo("status is not in the allowlist");
  }

  @Test
  void statusTableWithCanonicalValuesInSmallLettersStillGivesThePartnersWords() {
    // Given a status table whose canonical values are written in small letters, as the reader
    // accepts them
    OutboundMapping outbound =
        MappingCase.of(
                dir,
                """
                outbound:
                  allow: [status]
                  fields:
                    status: { to: state, values: { neu: new, offen: open, erledigt: resolved } }
                  workflow:
                    transitions:
                      neu: [offen]
                      offen: [erledigt]
                """)
            .valid()
            .outbound();

    // When a change from OPEN to RESOLVED is viewed
    Ticket resolved = ticket(Status.RESOLVED, Priority.HIGH, Map.of());
    PartnerView view = outbound.view(resolved, statusChange(Status.OPEN, Status.RESOLVED), null);

    // Then it goes out in the partner's word
    assertThat(view.send()).isTrue();
    assertThat(view.record()).containsEntry("state", "erledigt");
  }

  // --- field changes
  // ------------------------------------------------------------------------------

  @Test
  void fieldChangeWithoutAnAllowedFieldIsFiltered() {
    // Given a partner that does not take the category or the site
    OutboundMapping outbound = outbound();

    // When a change of those fields is viewed
    PartnerView view =
        outbound.view(
            ticket(),
            event(EventType.FIELDS_CHANGED, Map.of("category", Map.of(), "site.name", Map.of())),
            null);

    // Then it is not sent, saying why
    assertThat(view.send()).isFalse();
    assertThat(view.filteredReason()).isEqualTo("none of the changed fields is in the allowlist");
  }

  @Test
  void fieldChangeIsSentWithOnlyTheAllowedFieldsInThePartnersNamesAndWords() {
    // Given a partner that takes status, priority, subject and a resolution code
    OutboundMapping outbound = outbound();

    // When a change of the priority is viewed
    PartnerView view =
        outbound.view(
            ticket(), event(EventType.FIELDS_CHANGED, Map.of("priority", Map.of())), null);

    // Then the record holds only allowed fields, under the partner's names and words
    assertThat(view.send()).isTrue();
    assertThat(view.record())
        .containsOnly(
            entry("ref", "DB-000007"),
            entry("externalId", "4711"),
            entry("event", "FIELDS_CHANGED"),
            entry("subject", "Panel offline"),
            entry("ticket", Map.of("state", "open")),
            entry("prio", "P2"),
            entry("Код решения", "R-12"));
    assertThat(view.ticket().description()).isNull();
    assertThat(view.ticket().attributes()).containsOnlyKeys("resolutionCode");
  }

  @Test
  void changedValueWithoutAWordInThePartnersTableIsLeftOutOfTheRecord() {
    // Given a priority table without a word for LOW
    OutboundMapping outbound = outbound();
    Ticket low = ticket(Status.OPEN, Priority.LOW, Map.of());

    // When a change of the priority to LOW is viewed
    PartnerView view =
        outbound.view(low, event(EventType.FIELDS_CHANGED, Map.of("priority", Map.of())), null);

    // Then it is sent without the priority, which only a status change would refuse
    assertThat(view.send()).isTrue();
    assertThat(view.record()).doesNotContainKey("prio").containsEntry("subject", "Panel offline");
  }

  @Test
  void routingAndAssignmentNeverLeave() {
    // Given the defaults for partners without a mapping
    OutboundMapping outbound = OutboundMapping.defaults();

    // When a routing and an assignment are viewed
    PartnerView routed = outbound.view(ticket(), event(EventType.ROUTED, Map.of()), null);
    PartnerView assigned = outbound.view(ticket(), event(EventType.ASSIGNED, Map.of()), null);

    // Then neither is sent
    assertThat(routed.send()).isFalse();
    assertThat(assigned.send()).isFalse();
    assertThat(routed.filteredReason()).isEqualTo("routing and assignment are the manufacturer's");
  }

  // --- defaults
  // -----------------------------------------------------------------------------------

  @Test
  void defaultsAllowEveryPublicFieldInCanonicalNamesAndWords() {
    // Given the defaults for partners without a mapping
    OutboundMapping outbound = OutboundMapping.defaults();

    // When a new ticket is viewed
    PartnerView view = outbound.view(ticket(), event(EventType.CREATED, Map.of()), null);

    // Then every public field is in the record, nested by its dotted name, in canonical words
    assertThat(view.send()).isTrue();
    assertThat(view.record())
        .containsOnly(
            entry("ref", "DB-000007"),
            entry("externalId", "4711"),
            entry("event", "CREATED"),
            entry("subject", "Panel offline"),
            entry("description", "Earth fault on loop 2"),
            entry("status", "OPEN"),
            entry("priority", "HIGH"),
            entry("category", "fault"),
            entry(
                "product",
                Map.of("model", "FP-2000", "serialNumber", "FP2K-0042", "firmware", "3.2.1")),
            entry("site", Map.of("name", "Riverside Mall", "address", "12 River Road, Leeds")),
            entry(
                "requester",
                Map.of("name", "Jane Doe", "email", "jane@acme.example", "phone", "+44 113 000")),
            entry("attributes", Map.of("resolutionCode", "R-12", "costCentre", "CC-1")));
    assertThat(outbound.allowlist().allowsPublicComments()).isTrue();
    assertThat(outbound.allowlist().allowsAttachments()).isTrue();
    assertThat(outbound.workflow().allows("CLOSED", "NEW")).isTrue();
  }
}
