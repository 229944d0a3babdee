package io.deskbridge.connector.email;

import io.deskbridge.connector.ConnectorKind;
import io.deskbridge.connector.ConnectorSettings;
import io.deskbridge.connector.PartnerConnector;
import io.deskbridge.connector.PartnerContext;
import io.deskbridge.connector.SettingDefinition;
import io.deskbridge.connector.SettingProblem;
import java.util.List;

/** Partners who only have a mailbox: they open and follow tickets by mail. */
public final class EmailConnectorKind implements ConnectorKind {

  private final MailTemplates templates = new MailTemplates();
  private final Mailboxes mailboxes = new Mailboxes();

  @Override
  public String id() {
    return "email";
  }

  @Override
  public String description() {
    return "partners who write to the support address and answer by mail";
  }

  @Override
  public List<SettingDefinition> settings() {
    return EmailSettings.DEFINITIONS;
  }

  @Override
  public List<SettingProblem> validate(ConnectorSettings settings) {
    List<SettingProblem> problems =
        new java.util.ArrayList<>(ConnectorKind.super.validate(settings));
    problems.addAll(EmailSettings.check(settings));
    return problems;
  }

  @Override
  public PartnerConnector open(PartnerContext partner) {
    EmailPartnerConnector connector =
        new EmailPartnerConnector(
            partner, EmailSettings.of(partner.settings()), templates, mailboxes);
    mailboxes.join(connector, partner.camel());
    return connector;
  }
}
