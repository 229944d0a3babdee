package io.deskbridge.connector;

import java.util.ArrayList;
import java.util.List;

/**
 * A kind of partner system, named by the {@code connector:} value of a partner file.
 *
 * <p>Lifecycle: the runtime calls {@link #validate} for every partner file of this kind before
 * anything starts, then {@link #open} once per partner, and {@link PartnerConnector#close()} on
 * shutdown or when the partner file changes. Implementations need a public no-argument constructor
 * and a line in {@code META-INF/services/io.deskbridge.connector.ConnectorKind}.
 */
public interface ConnectorKind {

  /** The value of {@code connector:} in a partner file, such as {@code email}. */
  String id();

  /** One sentence on what partners of this kind are. */
  String description();

  /** Every setting this kind reads, declared once; validation and the reference come from this. */
  List<SettingDefinition> settings();

  /**
   * Every problem of these settings at once. The default checks the declared settings (unknown
   * names, required ones, types); a kind adds its cross-field rules by overriding and calling it.
   */
  default List<SettingProblem> validate(ConnectorSettings settings) {
    List<SettingProblem> problems = new ArrayList<>();
    SettingDefinition.checkAll(settings(), settings, problems);
    return problems;
  }

  /** Starts this kind for one partner whose settings passed {@link #validate}. */
  PartnerConnector open(PartnerContext partner);
}
