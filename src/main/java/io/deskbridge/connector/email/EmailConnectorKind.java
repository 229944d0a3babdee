package io.deskbridge.connector.email;

import io.deskbridge.connector.ConnectorKind;
import io.deskbridge.connector.ConnectorSettings;
import io.deskbridge.connector.PartnerConnector;
import io.deskbridge.connector.PartnerContext;
import io.deskbridge.connector.SettingDefinition;
import io.deskbridge.connector.SettingProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
    List<SettingProblem> problems = new ArrayList<>(ConnectorKind.super.validate(settings));
    problems.addAll(EmailSettings.check(settings));
    return problems;
  }

  /**
   * What the mailbox of these partners would make of a raw message, without connecting to any
   * server or storing anything; their sinks answer the ticket lookups.
   */
  public Map<String, Object> preview(byte[] raw, List<PartnerContext> partners) {
    List<EmailPartnerConnector> readers = new ArrayList<>();
    for (PartnerContext partner : partners) {
      readers.add(
          new EmailPartnerConnector(
              partner, EmailSettings.of(partner.settings()), templates, mailboxes));
    }
    return MailPreview.of(raw, readers);
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
