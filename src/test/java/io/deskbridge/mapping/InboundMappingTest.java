package io.deskbridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

import io.deskbridge.ticket.CommentDraft;
import io.deskbridge.ticket.Contact;
import io.deskbridge.ticket.Priority;
import io.deskbridge.ticket.Product;
import io.deskbridge.ticket.Site;
import io.deskbridge.ticket.Status;
import io.deskbridge.ticket.TicketDraft;
import io.deskbridge.ticket.TicketPatch;
import io.deskbridge.ticket.Visibility;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keywords of an inbound field rule, one behaviour each, applied to records as JSON. */
class InboundMappingTest {

  @TempDir Path dir;

  private MappingCase mapping(String yaml) {
    return MappingCase.of(dir, yaml);
  }

  // --- from ------------------------------------------------------------------------------------

  @Test
  void fromCopiesTheValueAtItsPath() {
    // Given a rule that fills subject from the record's title
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                subject: { from: title }
            """);

    // When a record with a title is mapped
    MappedValues values = mapping.ticket("{\"title\": \"Panel offline\"}");

    // Then the subject is the title as it was
    assertThat(values.get("subject")).isEqualTo("Panel offline");
  }

  @Test
  void fromListOfPathsJoinsTheValuesWithTheGivenJoin() {
    // Given a rule that fills the address from street and city, joined by ", "
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                site.address: { from: [street, city], join: ", " }
            """);

    // When a record with both is mapped
    MappedValues values = mapping.ticket("{\"street\": \"12 River Road\", \"city\": \"Leeds\"}");

    // Then they are concatenated in the order of the list, with the join between them
    assertThat(values.get("site.address")).isEqualTo("12 River Road, Leeds");
  }

  @Test
  void fromListOfPathsJoinsWithASpaceByDefault() {
    // Given a rule that fills the requester's name from first and last name, without a join
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                requester.name: { from: [first, last] }
            """);

    // When a record with both names is mapped
    MappedValues values = mapping.ticket("{\"first\": \"Jane\", \"last\": \"Doe\"}");

    // Then they are joined by one space
    assertThat(values.get("requester.name")).isEqualTo("Jane Doe");
  }

  @Test
  void fromListOfPathsLeavesOutMissingAndEmptyParts() {
    // Given a rule that joins three parts with " / "
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                site.address: { from: [street, district, city], join: " / " }
            """);

    // When the record has no district and an empty street
    MappedValues values = mapping.ticket("{\"street\": \"\", \"city\": \"Leeds\"}");

    // Then only the city is left, without separators around it
    assertThat(values.get("site.address")).isEqualTo("Leeds");
  }

  @Test
  void shortFormNamesTheSourcePath() {
    // Given the short form `subject: title`
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                subject: title
            """);

    // When a record with a title is mapped
    MappedValues values = mapping.ticket("{\"title\": \"Panel offline\"}");

    // Then it means `subject: { from: title }`
    assertThat(values.get("subject")).isEqualTo("Panel offline");
  }

  // --- constant, default, required ---------------------------------------------------------------

  @Test
  void constantFillsTheFieldWhateverTheRecordHolds() {
    // Given a rule with a constant category
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                category: { constant: maintenance }
            """);

    // When a record that has a category of its own is mapped
    MappedValues values = mapping.ticket("{\"category\": \"fault\"}");

    // Then the field takes the constant
    assertThat(values.get("category")).isEqualTo("maintenance");
  }

  @Test
  void defaultFillsAFieldWhoseSourceIsMissing() {
    // Given a rule with a default category
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                category: { from: type, default: fault }
            """);

    // When a record without a type is mapped
    MappedValues values = mapping.ticket("{}");

    // Then the field takes the default
    assertThat(values.get("category")).isEqualTo("fault");
  }

  @Test
  void defaultFillsAFieldWhoseSourceIsEmpty() {
    // Given a rule with a default category
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                category: { from: type, default: fault }
            """);

    // When the record's type is an empty text
    MappedValues values = mapping.ticket("{\"type\": \"\"}");

    // Then the empty text counts as no value and the default applies
    assertThat(values.get("category")).isEqualTo("fault");
  }

  @Test
  void defaultDoesNotReplaceAValueThatIsThere() {
    // Given a rule with a default category
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                category: { from: type, default: fault }
            """);

    // When the record has a type
    MappedValues values = mapping.ticket("{\"type\": \"question\"}");

    // Then the record's value wins
    assertThat(values.get("category")).isEqualTo("question");
  }

  @Test
  void requiredFieldWithoutValueIsRejectedNamingFileLineFieldAndSource() {
    // Given a required subject on line 3
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                subject: { from: title, required: true }
            """);

    // When a record without a title is mapped
    MappingRejectedException rejected = mapping.ticketRejection("{\"body\": \"text\"}");

    // Then the one reason names the file and line, the field and the path it read
    assertThat(rejected.reasons())
        .containsExactly(mapping.at(3) + "subject: is required, but 'title' gave no value");
    assertThat(rejected.field()).isEqualTo("subject");
  }

  @Test
  void requiredFieldWithSeveralSourcesNamesThemAll() {
    // Given a required name read from two paths and a reference
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                subject: { from: title }
                requester.name: { from: [first, last, "@subject"], required: true }
            """);

    // When a record has none of them
    MappingRejectedException rejected = mapping.ticketRejection("{}");

    // Then the reason names every source it tried
    assertThat(rejected.reasons())
        .singleElement()
        .asString()
        .startsWith(mapping.at(4) + "requester.name: is required")
        .contains("'first' and 'last' and @subject gave no value");
  }

  @Test
  void requiredFieldIsSatisfiedByItsDefault() {
    // Given a required status with a default
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                status: { from: state, default: NEW, required: true }
            """);

    // When the record has no state
    MappedValues values = mapping.ticket("{}");

    // Then the default fills it and nothing is rejected
    assertThat(values.get("status")).isEqualTo("NEW");
  }

  // --- @field references -------------------------------------------------------------------------

  @Test
  void referenceReadsAnotherMappedFieldEvenWhenItIsWrittenLater() {
    // Given a description that reads the subject, whose rule comes after it
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                description: { from: "@subject" }
                subject: { from: title, transform: [upper] }
            """);

    // When a record with a title is mapped
    MappedValues values = mapping.ticket("{\"title\": \"earth fault\"}");

    // Then the description holds the subject's mapped value, not the raw title
    assertThat(values.get("description")).isEqualTo("EARTH FAULT");
  }

  @Test
  void referenceAndPathsAreJoinedTogether() {
    // Given a description made of the subject and the body
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                subject: { from: title }
                description: { from: ["@subject", body], join: " - " }
            """);

    // When a record with both is mapped
    MappedValues values = mapping.ticket("{\"title\": \"Panel\", \"body\": \"no power\"}");

    // Then the paths come first and the references after, joined
    assertThat(values.get("description")).isEqualTo("no power - Panel");
  }

  // --- tables ------------------------------------------------------------------------------------

  @Test
  void namedTableMapsThePartnersWordToTheCanonicalValue() {
    // Given a table of statuses declared under tables:
    MappingCase mapping =
        mapping(
            """
            tables:
              statuses: { new: NEW, solved: RESOLVED }
            inbound:
              fields:
                status: { from: state, table: statuses }
            """);

    // When a record in the partner's words is mapped
    MappedValues values = mapping.ticket("{\"state\": \"solved\"}");

    // Then the field holds the canonical value
    assertThat(values.get("status")).isEqualTo("RESOLVED");
  }

  @Test
  void inlineValuesMapThePartnersWordToTheCanonicalValue() {
    // Given a rule with its own values
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                priority: { from: prio, values: { urgent: CRITICAL, low: LOW } }
            """);

    // When a record in the partner's words is mapped
    MappedValues values = mapping.ticket("{\"prio\": \"urgent\"}");

    // Then the field holds the canonical value
    assertThat(values.get("priority")).isEqualTo("CRITICAL");
  }

  @Test
  void tableLookupIgnoresCaseAndSurroundingBlanks() {
    // Given a table with a Russian word
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                status: { from: state, values: { В работе: IN_PROGRESS } }
            """);

    // When the record writes the word in capitals with blanks around it
    MappedValues values = mapping.ticket("{\"state\": \"  В РАБОТЕ\\t\"}");

    // Then it is found all the same
    assertThat(values.get("status")).isEqualTo("IN_PROGRESS");
  }

  @Test
  void unmappedParkRejectsNamingFileLineFieldValueAndTheTablesWords() {
    // Given a priority table on line 5 whose unmapped values are parked
    MappingCase mapping =
        mapping(
            """
            tables:
              priorities: { urgent: CRITICAL, normal: NORMAL }
            inbound:
              fields:
                priority: { from: prio, table: priorities, unmapped: park }
            """);

    // When the record has a word the table lacks
    MappingRejectedException rejected = mapping.ticketRejection("{\"prio\": \"blocker\"}");

    // Then the reason names the file, line, field, value and the words the table has
    assertThat(rejected.reasons())
        .containsExactly(
            mapping.at(5)
                + "priority: value 'blocker' is not in table priorities (it has: urgent, normal)");
    assertThat(rejected.field()).isEqualTo("priority");
  }

  @Test
  void unmappedDefaultTakesTheDefault() {
    // Given a priority whose unmapped values take the default
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                priority:
                  from: prio
                  values: { urgent: CRITICAL }
                  unmapped: default
                  default: LOW
            """);

    // When the record has a word the table lacks
    MappedValues values = mapping.ticket("{\"prio\": \"blocker\"}");

    // Then the field takes the default
    assertThat(values.get("priority")).isEqualTo("LOW");
  }

  @Test
  void unmappedKeepPassesTheValueThroughAsItIs() {
    // Given a category whose unmapped values are kept
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                category: { from: type, values: { incident: fault }, unmapped: keep }
            """);

    // When one record has a word of the table and one does not
    MappedValues known = mapping.ticket("{\"type\": \"incident\"}");
    MappedValues other = mapping.ticket("{\"type\": \"Wartung\"}");

    // Then the known word is mapped and the other is kept
    assertThat(known.get("category")).isEqualTo("fault");
    assertThat(other.get("category")).isEqualTo("Wartung");
  }

  @Test
  void withoutUnmappedARuleWithADefaultTakesTheDefault() {
    // Given a table and a default, but no unmapped policy
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                priority: { from: prio, values: { urgent: CRITICAL }, default: NORMAL }
            """);

    // When the record has a word the table lacks
    MappedValues values = mapping.ticket("{\"prio\": \"blocker\"}");

    // Then the implied policy is default
    assertThat(mapping.valid().inbound().ticketRules().get(0).unmapped())
        .isEqualTo(Unmapped.DEFAULT);
    assertThat(values.get("priority")).isEqualTo("NORMAL");
  }

  @Test
  void withoutUnmappedARuleWithoutADefaultParks() {
    // Given a table on line 3 without a default or an unmapped policy
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                priority: { from: prio, values: { urgent: CRITICAL } }
            """);

    // When the record has a word the table lacks
    MappingRejectedException rejected = mapping.ticketRejection("{\"prio\": \"blocker\"}");

    // Then the implied policy is park: the record is rejected naming the value
    assertThat(mapping.valid().inbound().ticketRules().get(0).unmapped()).isEqualTo(Unmapped.PARK);
    assertThat(rejected.reasons())
        .containsExactly(
            mapping.at(3) + "priority: value 'blocker' is not in table priority (it has: urgent)");
  }

  // --- values of the record ---------------------------------------------------------------------

  @Test
  void numbersAndBooleansInTheRecordBecomeText() {
    // Given rules reading a number, a decimal and a boolean
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                externalId: { from: id }
                attributes.hours: { from: hours }
                attributes.onSite: { from: onSite }
            """);

    // When the record holds them as JSON numbers and a boolean
    MappedValues values = mapping.ticket("{\"id\": 4711, \"hours\": 2.5, \"onSite\": true}");

    // Then each is its text
    assertThat(values.values())
        .containsOnly(
            entry("externalId", "4711"),
            entry("attributes.hours", "2.5"),
            entry("attributes.onSite", "true"));
  }

  @Test
  void objectWhereAValueBelongsIsRejectedNamingThePath() {
    // Given a rule on line 3 that reads a path leading to an object
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                site.name: { from: organization }
            """);

    // When the record has an object there
    MappingRejectedException rejected =
        mapping.ticketRejection("{\"organization\": {\"name\": \"Riverside Mall\"}}");

    // Then the reason names the path and asks for a field inside it
    assertThat(rejected.reasons())
        .containsExactly(
            mapping.at(3)
                + "site.name: 'organization' is an object, not a value; name a field inside it");
  }

  @Test
  void listOfObjectsWhereAValueBelongsIsRejectedNamingThePath() {
    // Given a rule on line 3 that reads a list of objects
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                attributes.fields: { from: custom_fields }
            """);

    // When the record has objects in that list
    MappingRejectedException rejected =
        mapping.ticketRejection("{\"custom_fields\": [{\"id\": 1, \"value\": \"x\"}]}");

    // Then the reason names the path
    assertThat(rejected.reasons())
        .containsExactly(
            mapping.at(3)
                + "attributes.fields: 'custom_fields' is a list of objects, not of values");
  }

  @Test
  void listOfValuesIsJoinedWithCommaByDefault() {
    // Given a rule that reads a list of tags, without a join
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                attributes.tags: { from: tags }
            """);

    // When the record has three tags, one empty
    MappedValues values = mapping.ticket("{\"tags\": [\"earth-fault\", \"\", \"loop-2\"]}");

    // Then they become one text, the empty one left out
    assertThat(values.get("attributes.tags")).isEqualTo("earth-fault, loop-2");
  }

  // --- enumerated targets -----------------------------------------------------------------------

  @Test
  void enumeratedTargetsAcceptCanonicalNamesInAnyCase() {
    // Given status, priority and comment visibility read without tables
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                status: { from: state }
                priority: { from: prio }
              comment:
                text: { from: body }
                visibility: { from: audience }
            """);
    Mapping read = mapping.valid();

    // When the record writes canonical names in other cases, with blanks
    Map<String, Object> record =
        MappingCase.record(
            "{\"state\": \" in_Progress \", \"prio\": \"high\", \"body\": \"x\","
                + " \"audience\": \"Internal\"}");
    MappedValues ticket = read.inbound().ticket(record);
    MappedValues comment = read.inbound().comment(record);

    // Then each field holds the canonical name
    assertThat(ticket.get("status")).isEqualTo("IN_PROGRESS");
    assertThat(ticket.get("priority")).isEqualTo("HIGH");
    assertThat(comment.get("comment.visibility")).isEqualTo("INTERNAL");
  }

  @Test
  void enumeratedTargetRejectsAWordThatIsNoCanonicalName() {
    // Given a status on line 3 read without a table
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                status: { from: state }
            """);

    // When the record holds the partner's own word
    MappingRejectedException rejected = mapping.ticketRejection("{\"state\": \"solved\"}");

    // Then it is rejected with the names the field takes and a hint to use a table
    assertThat(rejected.reasons())
        .containsExactly(
            mapping.at(3)
                + "status: value 'solved' is not one of NEW, OPEN, IN_PROGRESS,"
                + " WAITING_ON_PARTNER, WAITING_ON_MANUFACTURER, RESOLVED, CLOSED;"
                + " map it with a table");
  }

  @Test
  void commentVisibilityRejectsAWordThatIsNoVisibility() {
    // Given a comment visibility read without a table
    MappingCase mapping =
        mapping(
            """
            inbound:
              comment:
                text: { from: body }
                visibility: { from: audience }
            """);
    Mapping read = mapping.valid();

    // When the record's audience is a word of the partner
    MappingRejectedException rejected =
        catchThrowableOfType(
            MappingRejectedException.class,
            () ->
                read.inbound()
                    .comment(MappingCase.record("{\"body\": \"x\", \"audience\": \"staff\"}")));

    // Then it is rejected naming the visibilities
    assertThat(rejected.reasons())
        .singleElement()
        .asString()
        .startsWith(
            mapping.at(4) + "comment.visibility: value 'staff' is not one of PUBLIC, INTERNAL");
  }

  // --- MappedValues
  // -------------------------------------------------------------------------------

  private static final String FULL =
      """
      inbound:
        fields:
          externalId: { from: id }
          subject: { from: subject }
          description: { from: body }
          status: { from: status }
          priority: { from: priority }
          category: { from: type }
          product.model: { from: model }
          product.serialNumber: { from: serial }
          product.firmware: { from: firmware }
          site.name: { from: site }
          site.address: { from: address }
          requester.name: { from: name }
          requester.email: { from: email }
          requester.phone: { from: phone }
          attributes.contract: { from: contract }
        comment:
          text: { from: body }
          html: { from: html }
          authorName: { from: name }
          authorEmail: { from: email }
          externalId: { from: commentId }
          visibility: { from: audience }
      """;

  private static final String FULL_RECORD =
      """
      {"id": "T-1", "subject": "Panel offline", "body": "No power", "status": "open",
       "priority": "high", "type": "fault", "model": "FP-2000", "serial": "S-1",
       "firmware": "3.2.1", "site": "Riverside Mall", "address": "Leeds", "name": "Jane Doe",
       "email": "jane@acme.example", "phone": "+44 1", "contract": "C-9",
       "html": "<p>No power</p>", "commentId": "c-5", "audience": "public"}
      """;

  @Test
  void toDraftBuildsANewTicketFromTheValues() {
    // Given a mapping of every ticket field
    MappingCase mapping = mapping(FULL);

    // When a record is mapped and turned into a draft
    TicketDraft draft = mapping.ticket(FULL_RECORD).toDraft();

    // Then the draft holds every value in its place, attributes without their prefix
    assertThat(draft)
        .isEqualTo(
            new TicketDraft(
                "T-1",
                "Panel offline",
                "No power",
                Priority.HIGH,
                "fault",
                new Product("FP-2000", "S-1", "3.2.1"),
                new Site("Riverside Mall", "Leeds"),
                new Contact("Jane Doe", "jane@acme.example", "+44 1"),
                Map.of("contract", "C-9")));
  }

  @Test
  void toPatchCarriesTheChangeableFieldsOnly() {
    // Given a mapping of every ticket field
    MappingCase mapping = mapping(FULL);

    // When a record is mapped and turned into a patch
    TicketPatch patch = mapping.ticket(FULL_RECORD).toPatch();

    // Then status, priority, subject, category and attributes change; queue and assignee do not
    assertThat(patch)
        .isEqualTo(
            new TicketPatch(
                Status.OPEN,
                Priority.HIGH,
                "Panel offline",
                "fault",
                null,
                null,
                Map.of("contract", "C-9")));
  }

  @Test
  void toPatchOfAFewValuesLeavesTheOtherFieldsAlone() {
    // Given values holding only a status
    MappedValues values = new MappedValues(Map.of("status", "RESOLVED"));

    // When they are turned into a patch
    TicketPatch patch = values.toPatch();

    // Then only the status changes
    assertThat(patch).isEqualTo(TicketPatch.status(Status.RESOLVED));
  }

  @Test
  void toCommentBuildsACommentFromTheCommentValues() {
    // Given a mapping of every comment field
    Mapping read = mapping(FULL).valid();

    // When a record is mapped as a comment
    CommentDraft comment = read.inbound().comment(MappingCase.record(FULL_RECORD)).toComment();

    // Then the draft holds author, visibility, text, html and the partner's comment id
    assertThat(comment)
        .isEqualTo(
            new CommentDraft(
                "Jane Doe",
                "jane@acme.example",
                Visibility.PUBLIC,
                "No power",
                "<p>No power</p>",
                "c-5",
                null,
                java.util.List.of()));
  }

  @Test
  void commentRulesAndTicketRulesAreAppliedSeparately() {
    // Given a mapping with a required comment text
    Mapping read =
        mapping(
                """
                inbound:
                  fields:
                    subject: { from: title }
                  comment:
                    text: { from: body, required: true }
                """)
            .valid();

    // When a record without a body is mapped as a ticket
    MappedValues ticket = read.inbound().ticket(MappingCase.record("{\"title\": \"T\"}"));

    // Then the comment's requirement does not concern the ticket
    assertThat(ticket.values()).containsOnly(entry("subject", "T"));
  }

  // --- updates -----------------------------------------------------------------------------------

  @Test
  void ticketUpdateCarriesOnlyTheFieldsWhoseSourceIsPresent() {
    // Given rules for subject, status with a default and priority with a default
    Mapping read =
        mapping(
                """
                inbound:
                  fields:
                    subject: { from: title }
                    status: { from: state, values: { solved: RESOLVED }, default: NEW }
                    priority: { from: prio, default: NORMAL }
                """)
            .valid();

    // When an update names only the state
    MappedValues values =
        read.inbound().ticketUpdate(MappingCase.record("{\"state\": \"solved\"}"));

    // Then only the status is carried; the defaults of absent fields do not apply
    assertThat(values.values()).containsOnly(entry("status", "RESOLVED"));
  }

  @Test
  void ticketUpdateDoesNotTripRequiredForAnAbsentSource() {
    // Given a required subject and an optional status
    Mapping read =
        mapping(
                """
                inbound:
                  fields:
                    subject: { from: title, required: true }
                    status: { from: state }
                """)
            .valid();
    Map<String, Object> partial = MappingCase.record("{\"state\": \"open\"}");

    // When a partial record without a title is mapped as an update and as a new ticket
    MappedValues update = read.inbound().ticketUpdate(partial);
    MappingRejectedException asNew =
        catchThrowableOfType(MappingRejectedException.class, () -> read.inbound().ticket(partial));

    // Then the update carries the status; only a new ticket needs the subject
    assertThat(update.values()).containsOnly(entry("status", "OPEN"));
    assertThat(asNew).isNotNull();
    assertThat(asNew.field()).isEqualTo("subject");
  }

  @Test
  void ticketUpdateStillRejectsAPresentValueTheTableDoesNotHave() {
    // Given a status table that parks unmapped values
    Mapping read =
        mapping(
                """
                inbound:
                  fields:
                    status: { from: state, values: { solved: RESOLVED } }
                """)
            .valid();

    // When an update carries a state the table lacks
    MappingRejectedException rejected =
        catchThrowableOfType(
            MappingRejectedException.class,
            () -> read.inbound().ticketUpdate(MappingCase.record("{\"state\": \"archived\"}")));

    // Then it is rejected
    assertThat(rejected).isNotNull();
    assertThat(rejected.reasons()).singleElement().asString().contains("'archived'");
  }

  // --- several problems --------------------------------------------------------------------------

  @Test
  void everyProblemOfARecordIsReportedAndNothingIsReturned() {
    // Given three rules that can each reject a record (lines 3, 4 and 5)
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                subject: { from: title, required: true }
                priority: { from: prio, values: { urgent: CRITICAL } }
                site.name: { from: organization }
                category: { from: type }
            """);

    // When one record trips all three
    MappingRejectedException rejected =
        mapping.ticketRejection(
            "{\"prio\": \"soon\", \"organization\": {\"name\": \"Mall\"}, \"type\": \"fault\"}");

    // Then all three are reported in the order of the rules, the first field named
    assertThat(rejected.reasons())
        .hasSize(3)
        .satisfiesExactly(
            r -> assertThat(r).startsWith(mapping.at(3) + "subject: is required"),
            r -> assertThat(r).startsWith(mapping.at(4) + "priority: value 'soon'"),
            r ->
                assertThat(r).startsWith(mapping.at(5) + "site.name: 'organization' is an object"));
    assertThat(rejected.field()).isEqualTo("subject");
    assertThat(rejected.getMessage()).isEqualTo(String.join("; ", rejected.reasons()));
  }

  @Test
  void commentWhenMarksRecordsWhoseFieldHoldsOneOfItsValuesIgnoringCaseAndBlanks() {
    // Given a mapping whose comments are the records with a comment event
    Mapping mapping =
        mapping(
                """
                inbound:
                  fields:
                    externalId: issue.key
                    subject: issue.summary
                  comment:
                    text: comment.body
                  commentWhen: { field: webhookEvent, equals: [comment_created, Commented] }
                """)
            .valid();

    // Then a comment event is a comment, whatever its case, and anything else is not
    assertThat(
            mapping.inbound().isComment(MappingCase.record("{\"webhookEvent\": \" COMMENTED \"}")))
        .isTrue();
    assertThat(
            mapping
                .inbound()
                .isComment(MappingCase.record("{\"webhookEvent\": \"comment_created\"}")))
        .isTrue();
    assertThat(
            mapping
                .inbound()
                .isComment(MappingCase.record("{\"webhookEvent\": \"issue_updated\"}")))
        .isFalse();
    assertThat(mapping.inbound().isComment(MappingCase.record("{\"issue\": {\"key\": \"A-1\"}}")))
        .isFalse();
  }
}
