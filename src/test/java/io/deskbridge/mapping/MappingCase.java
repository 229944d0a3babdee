package io.deskbridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deskbridge.config.ConfigProblem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A mapping file on disk for tests: a test writes the YAML it is about, reads it with the real
 * reader and applies it to records written as JSON, the way partners send them.
 */
final class MappingCase {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final List<ConfigProblem> problems = new ArrayList<>();

  private MappingCase(Path file) {
    this.file = file;
  }

  /** A mapping file named {@code test.yml} in {@code dir} holding {@code yaml}. */
  static MappingCase of(Path dir, String yaml) {
    Path file = dir.resolve("test.yml");
    try {
      Files.writeString(file, yaml, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new MappingCase(file);
  }

  Path file() {
    return file;
  }

  List<ConfigProblem> problems() {
    return problems;
  }

  /** Reads the file; problems collect in {@link #problems()}. */
  Optional<Mapping> read() {
    return new MappingFileReader().read("test", file, problems);
  }

  /** Reads the file and fails when it has any problem. */
  Mapping valid() {
    Optional<Mapping> mapping = read();
    assertThat(problems).as("problems of %s", file).isEmpty();
    assertThat(mapping).isPresent();
    return mapping.get();
  }

  /** Reads the file and fails unless it is refused with exactly one problem, which it returns. */
  ConfigProblem onlyProblem() {
    Optional<Mapping> mapping = read();
    assertThat(mapping).as("a mapping with problems is not returned").isEmpty();
    assertThat(problems).hasSize(1);
    return problems.get(0);
  }

  /** The ticket values the valid mapping gives for a JSON record. */
  MappedValues ticket(String json) {
    return ticket(record(json));
  }

  /** The ticket values the valid mapping gives for a record. */
  MappedValues ticket(Map<String, ?> record) {
    return valid().inbound().ticket(record);
  }

  /** The rejection the valid mapping gives for a JSON record's ticket values. */
  MappingRejectedException ticketRejection(String json) {
    return ticketRejection(record(json));
  }

  /** The rejection the valid mapping gives for a record's ticket values. */
  MappingRejectedException ticketRejection(Map<String, ?> record) {
    Mapping mapping = valid();
    MappingRejectedException rejected =
        catchThrowableOfType(
            MappingRejectedException.class, () -> mapping.inbound().ticket(record));
    assertThat(rejected).as("the record should have been rejected").isNotNull();
    return rejected;
  }

  /** The location prefix a rejection starts with for a rule on {@code line}. */
  String at(int line) {
    return file + ":" + line + ": ";
  }

  static Map<String, Object> record(String json) {
    try {
      return JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, Object> record(Path json) {
    try {
      return record(Files.readString(json, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
