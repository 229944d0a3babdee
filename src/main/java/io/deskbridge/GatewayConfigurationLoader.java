package io.deskbridge;

import io.deskbridge.config.ConfigDirectory;
import io.deskbridge.config.ConfigFields;
import io.deskbridge.config.ConfigProblem;
import io.deskbridge.config.ConfigurationException;
import io.deskbridge.config.SecretReferences;
import io.deskbridge.config.YamlFiles;
import io.deskbridge.config.YamlNode;
import io.deskbridge.connector.ConnectorKinds;
import io.deskbridge.mapping.Mapping;
import io.deskbridge.mapping.MappingFileReader;
import io.deskbridge.partner.Partner;
import io.deskbridge.partner.PartnerFileReader;
import io.deskbridge.queue.ManufacturerFileReader;
import io.deskbridge.queue.ManufacturerSide;
import io.deskbridge.routing.RoutingFileReader;
import io.deskbridge.routing.RoutingRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the whole configuration directory and checks it as a whole, collecting every problem of
 * every file before giving up, so that start-up, {@code validate} and a reload all report the same
 * list.
 */
public final class GatewayConfigurationLoader {

  private final ConnectorKinds kinds;
  private final SecretReferences secrets;

  public GatewayConfigurationLoader(ConnectorKinds kinds, SecretReferences secrets) {
    this.kinds = kinds;
    this.secrets = secrets;
  }

  /**
   * The configuration in {@code directory}.
   *
   * @throws ConfigurationException with every problem found
   */
  public GatewayConfiguration load(ConfigDirectory directory) {
    List<ConfigProblem> problems = new ArrayList<>();
    if (!Files.isDirectory(directory.root())) {
      problems.add(
          ConfigProblem.inFile(directory.root(), "the configuration directory does not exist"));
      throw new ConfigurationException(problems);
    }
    Optional<ManufacturerSide> manufacturer =
        new ManufacturerFileReader().read(directory.manufacturerFile(), problems);
    Set<String> refusedIds = new HashSet<>();
    List<Partner> partners = partners(directory, refusedIds, problems);
    // Without a readable manufacturer.yml the queues are unknown, not empty: routing.yml's queues
    // are then left unchecked rather than each reported as missing.
    List<String> queueIds = manufacturer.map(ManufacturerSide::queueIds).orElse(null);
    // A partner whose file was refused still exists for routing.yml; its file has the problem.
    List<String> partnerIds = new ArrayList<>(partners.stream().map(Partner::id).toList());
    partnerIds.addAll(refusedIds);
    Optional<RoutingRules> routing =
        new RoutingFileReader().read(directory.routingFile(), queueIds, partnerIds, problems);
    Map<String, Mapping> mappings = mappings(directory, problems);
    checkPartnerMappings(partners, mappings, problems);
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
    return new GatewayConfiguration(
        manufacturer.orElseThrow(), partners, routing.orElseThrow(), mappings);
  }

  private List<Partner> partners(
      ConfigDirectory directory, Set<String> refusedIds, List<ConfigProblem> problems) {
    List<Path> files;
    try {
      files = directory.partnerFiles();
    } catch (IOException e) {
      problems.add(ConfigProblem.inFile(directory.connectors(), "cannot list: " + e.getMessage()));
      return List.of();
    }
    PartnerFileReader reader = new PartnerFileReader(kinds, secrets);
    List<Partner> partners = new ArrayList<>();
    Map<String, Path> seen = new HashMap<>();
    for (Path file : files) {
      Optional<PartnerFileReader.Read> attempt = reader.read(file, problems);
      if (attempt.isEmpty()) {
        declaredId(file).ifPresent(refusedIds::add);
      }
      attempt.ifPresent(
          read -> {
            Partner partner = read.partner();
            Path first = seen.putIfAbsent(partner.id(), file);
            if (first != null) {
              problems.add(
                  new ConfigProblem(
                      file,
                      read.idLine(),
                      read.idColumn(),
                      "id",
                      "partner id '" + partner.id() + "' is already used by " + first));
            } else {
              partners.add(partner);
            }
          });
    }
    return partners;
  }

  /** The id a refused partner file declares, if it can be read at all; its problems are known. */
  private static Optional<String> declaredId(Path file) {
    YamlNode root = YamlFiles.read(file, new ArrayList<>());
    if (root instanceof YamlNode.MapNode map
        && map.get("id") instanceof YamlNode.ScalarNode id
        && id.text() != null) {
      return Optional.of(id.text());
    }
    return Optional.empty();
  }

  private static Map<String, Mapping> mappings(
      ConfigDirectory directory, List<ConfigProblem> problems) {
    Map<String, Mapping> mappings = new java.util.TreeMap<>();
    List<Path> files;
    try {
      files = directory.mappingFiles();
    } catch (IOException e) {
      problems.add(ConfigProblem.inFile(directory.mappings(), "cannot list: " + e.getMessage()));
      return mappings;
    }
    MappingFileReader reader = new MappingFileReader();
    for (Path file : files) {
      String name = ConfigDirectory.mappingName(file);
      reader.read(name, file, problems).ifPresent(mapping -> mappings.put(name, mapping));
    }
    return mappings;
  }

  /** Every partner's {@code mapping:} must name a mapping file that exists (and is valid). */
  private static void checkPartnerMappings(
      List<Partner> partners, Map<String, Mapping> mappings, List<ConfigProblem> problems) {
    for (Partner partner : partners) {
      if (partner.mapping() != null && !mappings.containsKey(partner.mapping())) {
        YamlNode root = YamlFiles.read(partner.file(), new ArrayList<>());
        YamlNode at =
            root instanceof YamlNode.MapNode map && map.get("mapping") != null
                ? map.get("mapping")
                : root;
        problems.add(
            new ConfigProblem(
                partner.file(),
                at == null ? 0 : at.line(),
                at == null ? 0 : at.column(),
                "mapping",
                "no mapping '"
                    + partner.mapping()
                    + "' in mappings/"
                    + ConfigFields.didYouMean(partner.mapping(), mappings.keySet())
                    + (mappings.isEmpty()
                        ? ""
                        : "; mappings: " + String.join(", ", mappings.keySet()))));
      }
    }
  }
}
