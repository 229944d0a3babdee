package io.deskbridge.connector.csv;

import io.deskbridge.connector.ConnectorKind;
import io.deskbridge.connector.ConnectorSettings;
import io.deskbridge.connector.PartnerConnector;
import io.deskbridge.connector.PartnerContext;
import io.deskbridge.connector.SettingDefinition;
import io.deskbridge.connector.SettingProblem;
import java.util.ArrayList;
import java.util.List;

/** Partners whose systems exchange tickets as CSV files dropped in a folder or on SFTP. */
public final class CsvConnectorKind implements ConnectorKind {

  /** Every setting of the kind, declared once: the inbound ones, then the outbound ones. */
  static final List<SettingDefinition> SETTINGS =
      java.util.stream.Stream.concat(CsvSettings.INBOUND.stream(), CsvExport.SETTINGS.stream())
          .toList();

  @Override
  public String id() {
    return "csv";
  }

  @Override
  public String description() {
    return "the partner drops CSV files (Excel's too: any delimiter, windows-1251, a BOM) in a"
        + " local or SFTP folder; each row opens, updates or comments on a ticket, and the"
        + " manufacturer's changes go back as CSV files in the partner's own dialect";
  }

  @Override
  public List<SettingDefinition> settings() {
    return SETTINGS;
  }

  @Override
  public List<SettingProblem> validate(ConnectorSettings settings) {
    List<SettingProblem> problems = new ArrayList<>(ConnectorKind.super.validate(settings));
    problems.addAll(CsvSettings.check(settings));
    CsvExport.validate(settings, problems);
    return problems;
  }

  @Override
  public PartnerConnector open(PartnerContext partner) {
    CsvPartnerConnector connector =
        new CsvPartnerConnector(partner, CsvSettings.of(partner.settings()));
    connector.start();
    return connector;
  }
}
