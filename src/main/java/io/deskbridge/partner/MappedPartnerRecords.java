package io.deskbridge.partner;

import io.deskbridge.connector.InboundChange;
import io.deskbridge.connector.PartnerRecords;
import io.deskbridge.connector.RecordRejectedException;
import io.deskbridge.connector.TicketLocator;
import io.deskbridge.mapping.FieldRule;
import io.deskbridge.mapping.Mapping;
import io.deskbridge.mapping.MappingRejectedException;
import io.deskbridge.mapping.RecordPath;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** A partner's records read through the inbound mapping its partner file names, as now loaded. */
public final class MappedPartnerRecords implements PartnerRecords {

  private final String partnerId;
  private final Supplier<Optional<Mapping>> mapping;

  /**
   * @param mapping the partner's mapping in force, asked again for every record so that a reloaded
   *     mapping applies from the next one
   */
  public MappedPartnerRecords(String partnerId, Supplier<Optional<Mapping>> mapping) {
    this.partnerId = partnerId;
    this.mapping = mapping;
  }

  @Override
  public boolean maps(Operation operation) {
    return !rules(operation).isEmpty();
  }

  @Override
  public Set<String> requiredFields(Operation operation) {
    Set<String> fields = new LinkedHashSet<>();
    for (FieldRule rule : rules(operation)) {
      if (rule.required()
          && rule.defaultValue() == null
          && rule.constant() == null
          && rule.references().isEmpty()
          && rule.sources().size() == 1) {
        RecordPath source = rule.sources().get(0);
        if (source.head() != null) {
          fields.add(source.head());
        }
      }
    }
    return fields;
  }

  @Override
  public boolean isComment(Map<String, ?> record) {
    return mapping().map(m -> m.inbound().isComment(record)).orElse(false);
  }

  @Override
  public InboundChange map(Operation operation, TicketLocator ticket, Map<String, ?> record) {
    Mapping mapping =
        mapping()
            .orElseThrow(
                () ->
                    new RecordRejectedException(
                        List.of("partner " + partnerId + " has no inbound mapping"), null));
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> fields = (Map<String, Object>) record;
      return RecordIntake.change(mapping, operation, ticket, fields);
    } catch (MappingRejectedException rejected) {
      throw new RecordRejectedException(rejected.reasons(), rejected.field());
    }
  }

  private Optional<Mapping> mapping() {
    return mapping.get();
  }

  private List<FieldRule> rules(Operation operation) {
    return mapping()
        .map(
            m ->
                operation == Operation.COMMENT
                    ? m.inbound().commentRules()
                    : m.inbound().ticketRules())
        .orElse(List.of());
  }
}
