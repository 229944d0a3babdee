package io.deskbridge;

import io.deskbridge.partner.StaffToken;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The gateway's own settings ({@code deskbridge.*} in application.yml, a {@code deskbridge.yml} in
 * the configuration directory, or the environment such as {@code DESKBRIDGE_DATA_DIR}).
 *
 * @param configDir the directory with connectors/ and mappings/; the working directory by default
 * @param dataDir where the embedded H2 database keeps its file
 * @param ticketPrefix the letters before the number in ticket references
 * @param api limits of the HTTP API
 * @param outbox delivery retries and polling
 * @param security tokens of the manufacturer's agents and ops
 * @param reloadInterval how often connectors/ and mappings/ are checked for changes (0 turns it
 *     off)
 */
@ConfigurationProperties("deskbridge")
public record GatewayProperties(
    @DefaultValue(".") Path configDir,
    @DefaultValue("./data") Path dataDir,
    @DefaultValue("DB") String ticketPrefix,
    @DefaultValue Api api,
    @DefaultValue Outbox outbox,
    @DefaultValue Security security,
    @DefaultValue("2s") Duration reloadInterval) {

  /**
   * @param maxBodyBytes the largest request body accepted, attachments included
   */
  public record Api(@DefaultValue("26214400") long maxBodyBytes) {}

  /**
   * @param maxAttempts attempts before a delivery becomes a dead letter
   * @param initialBackoff the wait after the first failure, doubled after each further one
   * @param maxBackoff the longest wait between two attempts
   * @param jitter the largest share of a wait cut at random, so retries spread out
   * @param pollInterval how often the dispatcher looks for due rows when nothing wakes it
   * @param lease how long a row taken for delivery stays reserved for one dispatcher
   * @param batchSize rows looked at per poll
   */
  public record Outbox(
      @DefaultValue("10") int maxAttempts,
      @DefaultValue("2s") Duration initialBackoff,
      @DefaultValue("15m") Duration maxBackoff,
      @DefaultValue("0.5") double jitter,
      @DefaultValue("1s") Duration pollInterval,
      @DefaultValue("60s") Duration lease,
      @DefaultValue("500") int batchSize) {}

  /**
   * @param tokens staff tokens, each stored as the SHA-256 of the token
   */
  public record Security(@DefaultValue List<StaffToken> tokens) {}
}
