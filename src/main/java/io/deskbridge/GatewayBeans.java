package io.deskbridge;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.deskbridge.config.ConfigDirectory;
import io.deskbridge.config.SecretReferences;
import io.deskbridge.connector.ConnectorKinds;
import io.deskbridge.intake.Intake;
import io.deskbridge.intake.IntakeKeys;
import io.deskbridge.intake.RawInputStore;
import io.deskbridge.intake.SideTickets;
import io.deskbridge.outbox.DeadLetterStore;
import io.deskbridge.outbox.DeadLetters;
import io.deskbridge.outbox.DeliveryReceipts;
import io.deskbridge.outbox.IntakeReplayer;
import io.deskbridge.outbox.OutboxDispatcher;
import io.deskbridge.outbox.OutboxStore;
import io.deskbridge.outbox.RetryPolicy;
import io.deskbridge.partner.ConnectorRuntime;
import io.deskbridge.partner.Credentials;
import io.deskbridge.partner.PartnerDirectory;
import io.deskbridge.partner.PartnerMappings;
import io.deskbridge.partner.PartnerSides;
import io.deskbridge.partner.RecordIntake;
import io.deskbridge.queue.QueueDirectory;
import io.deskbridge.routing.Router;
import io.deskbridge.ticket.AttachmentStore;
import io.deskbridge.ticket.CommentStore;
import io.deskbridge.ticket.EventJournal;
import io.deskbridge.ticket.TicketStore;
import io.deskbridge.web.ApiAuthentication;
import io.deskbridge.web.RequestBodies;
import io.deskbridge.web.RequestSignatures;
import io.deskbridge.web.SignatureReplays;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.apache.camel.CamelContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the gateway from its configuration directory: the partners, queues and routing read from
 * it, the intake, the dispatcher and the connectors. Configuration problems stop start-up with
 * every problem listed.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GatewayProperties.class)
public class GatewayBeans {

  /** The gateway's time; an application embedding the gateway may give its own. */
  @Bean
  @ConditionalOnMissingBean(Clock.class)
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  ConnectorKinds connectorKinds() {
    return ConnectorKinds.discover();
  }

  @Bean
  ConfigDirectory configDirectory(GatewayProperties properties) {
    return new ConfigDirectory(properties.configDir().toAbsolutePath().normalize());
  }

  @Bean
  GatewayConfigurationLoader gatewayConfigurationLoader(ConnectorKinds kinds) {
    return new GatewayConfigurationLoader(kinds, SecretReferences.fromSystem());
  }

  @Bean
  GatewayConfiguration gatewayConfiguration(
      GatewayConfigurationLoader loader, ConfigDirectory directory) {
    return loader.load(directory);
  }

  @Bean
  ConfigurationReloader configurationReloader(
      ConfigDirectory directory,
      GatewayConfigurationLoader loader,
      QueueDirectory queues,
      Router router,
      PartnerMappings mappings,
      PartnerDirectory partners,
      ConnectorRuntime connectors,
      Clock clock,
      GatewayProperties properties) {
    return new ConfigurationReloader(
        directory,
        loader,
        queues,
        router,
        mappings,
        partners,
        connectors,
        clock,
        properties.reloadInterval());
  }

  @Bean
  PartnerDirectory partnerDirectory(GatewayConfiguration configuration) {
    return new PartnerDirectory(configuration.partners());
  }

  @Bean
  PartnerMappings partnerMappings(PartnerDirectory partners, GatewayConfiguration configuration) {
    return new PartnerMappings(partners, configuration.mappings());
  }

  @Bean
  QueueDirectory queueDirectory(GatewayConfiguration configuration) {
    return new QueueDirectory(configuration.manufacturer());
  }

  @Bean
  Router router(GatewayConfiguration configuration) {
    return new Router(configuration.routing());
  }

  @Bean
  Credentials credentials(PartnerDirectory partners, GatewayProperties properties) {
    return new Credentials(partners, properties.security().tokens(), System.getenv());
  }

  @Bean
  Intake intake(
      TransactionTemplate tx,
      IntakeKeys keys,
      RawInputStore rawInputs,
      TicketStore tickets,
      CommentStore comments,
      EventJournal journal,
      OutboxStore outbox,
      Router router,
      QueueDirectory queues,
      Clock clock,
      ObjectProvider<OutboxDispatcher> dispatcher) {
    return new Intake(
        tx,
        keys,
        rawInputs,
        tickets,
        comments,
        journal,
        outbox,
        router,
        queues,
        clock,
        () -> dispatcher.ifAvailable(OutboxDispatcher::wakeUp));
  }

  @Bean(destroyMethod = "close")
  ConnectorRuntime connectorRuntime(
      ConnectorKinds kinds,
      PartnerDirectory partners,
      Intake intake,
      RawInputStore rawInputs,
      DeadLetterStore deadLetters,
      SideTickets tickets,
      NamedParameterJdbcOperations jdbc,
      AttachmentStore attachments,
      PartnerMappings mappings,
      CamelContext camel,
      GatewayProperties properties,
      Clock clock) {
    var sides =
        new PartnerSides(
            intake,
            rawInputs,
            deadLetters,
            tickets,
            jdbc,
            attachments,
            mappings,
            properties.dataDir(),
            clock);
    ConnectorRuntime runtime = new ConnectorRuntime(kinds, partners, sides, camel);
    runtime.start();
    return runtime;
  }

  @Bean
  OutboxDispatcher outboxDispatcher(
      OutboxStore outbox,
      DeadLetterStore deadLetters,
      DeliveryReceipts receipts,
      EventJournal journal,
      TicketStore tickets,
      CommentStore comments,
      ConnectorRuntime connectors,
      PartnerMappings mappings,
      TransactionTemplate tx,
      Clock clock,
      GatewayProperties properties,
      MeterRegistry meters) {
    GatewayProperties.Outbox settings = properties.outbox();
    OutboxDispatcher dispatcher =
        new OutboxDispatcher(
            outbox,
            deadLetters,
            receipts,
            journal,
            tickets,
            comments,
            connectors,
            mappings,
            tx,
            clock,
            new OutboxDispatcher.Settings(
                new RetryPolicy(
                    settings.maxAttempts(),
                    settings.initialBackoff(),
                    settings.maxBackoff(),
                    settings.jitter()),
                settings.pollInterval(),
                settings.lease(),
                settings.batchSize()),
            meters);
    return dispatcher;
  }

  @Bean
  RecordIntake recordIntake(
      PartnerMappings mappings,
      Intake intake,
      RawInputStore rawInputs,
      DeadLetterStore deadLetters,
      Clock clock) {
    return new RecordIntake(mappings, intake, rawInputs, deadLetters, clock);
  }

  @Bean
  DeadLetters deadLetters(
      DeadLetterStore store,
      OutboxStore outbox,
      RecordIntake records,
      ConnectorRuntime connectors,
      TransactionTemplate tx,
      Clock clock,
      OutboxDispatcher dispatcher) {
    // Parked partner records replay through their mapping; other input through its connector.
    IntakeReplayer replayer = letter -> records.replay(letter) || connectors.replay(letter);
    return new DeadLetters(store, outbox, replayer, tx, clock, dispatcher::wakeUp);
  }

  @Bean
  RequestBodies requestBodies(GatewayProperties properties) {
    return new RequestBodies(properties.api().maxBodyBytes());
  }

  @Bean
  SignatureReplays signatureReplays(JdbcClient jdbc, Clock clock) {
    return new SignatureReplays(jdbc, clock);
  }

  @Bean
  FilterRegistrationBean<ApiAuthentication> apiAuthentication(
      Credentials credentials,
      PartnerDirectory partners,
      RequestBodies bodies,
      SignatureReplays replays,
      Clock clock,
      ObjectMapper json) {
    FilterRegistrationBean<ApiAuthentication> registration =
        new FilterRegistrationBean<>(
            new ApiAuthentication(
                credentials, partners, bodies, new RequestSignatures(replays), clock, json));
    registration.addUrlPatterns("/api/v1/*");
    return registration;
  }
}
