package io.deskbridge.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The directory ops edit: {@code connectors/} with one file per partner plus {@code
 * manufacturer.yml}, and {@code mappings/} with {@code routing.yml}. The working directory unless
 * one is given.
 */
public record ConfigDirectory(Path root) {

  public Path connectors() {
    return root.resolve("connectors");
  }

  public Path mappings() {
    return root.resolve("mappings");
  }

  public Path manufacturerFile() {
    return connectors().resolve("manufacturer.yml");
  }

  public Path routingFile() {
    return mappings().resolve("routing.yml");
  }

  /**
   * The partner files: every {@code *.yml} or {@code *.yaml} in connectors/ but manufacturer.yml.
   */
  public List<Path> partnerFiles() throws IOException {
    if (!Files.isDirectory(connectors())) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(connectors())) {
      return files
          .filter(f -> f.getFileName().toString().matches(".+\\.ya?ml"))
          .filter(f -> !f.getFileName().toString().startsWith("manufacturer."))
          .sorted()
          .toList();
    }
  }

  /** The mapping files: every {@code *.yml} or {@code *.yaml} in mappings/ but routing.yml. */
  public List<Path> mappingFiles() throws IOException {
    if (!Files.isDirectory(mappings())) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(mappings())) {
      return files
          .filter(f -> f.getFileName().toString().matches(".+\\.ya?ml"))
          .filter(f -> !f.getFileName().toString().startsWith("routing."))
          .sorted()
          .toList();
    }
  }

  /** A mapping's name: its file name without the extension. */
  public static String mappingName(Path file) {
    return file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
  }
}
