package io.deskbridge;

import io.deskbridge.config.ConfigDirectory;
import io.deskbridge.config.ConfigProblem;
import io.deskbridge.config.ConfigurationException;
import io.deskbridge.partner.ConnectorRuntime;
import io.deskbridge.partner.PartnerDirectory;
import io.deskbridge.partner.PartnerMappings;
import io.deskbridge.queue.QueueDirectory;
import io.deskbridge.routing.Router;
import io.deskbridge.web.ConfigurationControl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Takes changes to connectors/ and mappings/ into force without a restart. It looks for changed
 * files at an interval (and on request), reads the whole directory again, and only when everything
 * is valid swaps the queues, mappings, routing and partners and reopens the connectors whose
 * settings changed. A broken file leaves the last good configuration in force and is reported: in
 * the log, in the partner list and in the answer to a reload. Changes already being processed
 * finish under the mapping they started with, since each holds its own reference to it.
 */
public class ConfigurationReloader implements ConfigurationControl, SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ConfigurationReloader.class);

  private final ConfigDirectory directory;
  private final GatewayConfigurationLoader loader;
  private final QueueDirectory queues;
  private final Router router;
  private final PartnerMappings mappings;
  private final PartnerDirectory partners;
  private final ConnectorRuntime connectors;
  private final Clock clock;
  private final Duration interval;
  private final AtomicReference<Status> status;
  private volatile String lastSeen;
  private volatile boolean running;
  private Thread watcher;

  public ConfigurationReloader(
      ConfigDirectory directory,
      GatewayConfigurationLoader loader,
      QueueDirectory queues,
      Router router,
      PartnerMappings mappings,
      PartnerDirectory partners,
      ConnectorRuntime connectors,
      Clock clock,
      Duration interval) {
    this.directory = directory;
    this.loader = loader;
    this.queues = queues;
    this.router = router;
    this.mappings = mappings;
    this.partners = partners;
    this.connectors = connectors;
    this.clock = clock;
    this.interval = interval;
    this.status =
        new AtomicReference<>(new Status(1, clock.instant(), clock.instant(), false, List.of()));
    this.lastSeen = stamp();
  }

  @Override
  public Status status() {
    return status.get();
  }

  /** Reads the directory again now and takes it into force if it is valid. */
  @Override
  public synchronized Status reload() {
    lastSeen = stamp();
    Instant now = clock.instant();
    Status before = status.get();
    try {
      GatewayConfiguration next = loader.load(directory);
      queues.replace(next.manufacturer());
      mappings.replace(next.mappings());
      router.replace(next.routing());
      partners.replace(next.partners());
      connectors.reconcile(next.partners());
      Status after = new Status(before.version() + 1, now, now, true, List.of());
      status.set(after);
      log.info(
          "configuration version {} in force: {} partner(s), {} mapping(s)",
          after.version(),
          next.partners().size(),
          next.mappings().size());
      return after;
    } catch (ConfigurationException e) {
      List<String> problems = new ArrayList<>();
      for (ConfigProblem problem : e.problems()) {
        problems.add(problem.toString());
        log.warn(
            "configuration not reloaded, version {} stays in force: {}", before.version(), problem);
      }
      Status after = new Status(before.version(), before.loadedAt(), now, false, problems);
      status.set(after);
      return after;
    }
  }

  /** A fingerprint of the directory's files: names, sizes and modification times. */
  private String stamp() {
    StringBuilder stamp = new StringBuilder();
    for (Path dir : List.of(directory.connectors(), directory.mappings())) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.sorted().toList()) {
          BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
          stamp
              .append(file.getFileName())
              .append(':')
              .append(attributes.size())
              .append(':')
              .append(attributes.lastModifiedTime().toMillis())
              .append(';');
        }
      } catch (IOException e) {
        stamp.append(dir).append(":unreadable;");
      }
    }
    return stamp.toString();
  }

  private void watch() {
    while (running) {
      try {
        Thread.sleep(interval.toMillis());
        if (!stamp().equals(lastSeen)) {
          reload();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.warn("configuration check failed, will look again: {}", e.toString());
      }
    }
  }

  @Override
  public synchronized void start() {
    if (running || interval.isZero() || interval.isNegative()) {
      return;
    }
    running = true;
    watcher = new Thread(this::watch, "configuration-watcher");
    watcher.setDaemon(true);
    watcher.start();
  }

  @Override
  public synchronized void stop() {
    running = false;
    if (watcher != null) {
      watcher.interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
