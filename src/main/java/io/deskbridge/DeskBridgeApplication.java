package io.deskbridge;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.deskbridge.config.ConfigDirectory;
import io.deskbridge.config.ConfigurationException;
import io.deskbridge.config.SecretReferences;
import io.deskbridge.connector.ConnectorKinds;
import io.deskbridge.mapping.Mapping;
import io.deskbridge.partner.ApiKeys;
import io.deskbridge.partner.Partner;
import io.deskbridge.web.MappingPreview;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The gateway's entry point. {@code run} (the default) starts it; {@code validate} checks the
 * configuration directory without starting anything; {@code new-api-key} makes a partner key.
 */
@SpringBootApplication
public class DeskBridgeApplication {

  public static void main(String[] args) {
    String command = args.length > 0 && !args[0].startsWith("-") ? args[0] : "run";
    String[] rest =
        args.length > 0 && !args[0].startsWith("-")
            ? Arrays.copyOfRange(args, 1, args.length)
            : args;
    switch (command) {
      case "run" -> run(rest);
      case "validate" -> System.exit(validate(rest, System.out, System.err));
      case "new-api-key" -> newApiKey(System.out);
      case "preview" -> System.exit(preview(rest, System.out, System.err));
      case "mail-preview" -> System.exit(MailPreviewCommand.run(rest, System.out, System.err));
      default -> {
        System.err.println(
            "unknown command '"
                + command
                + "'; commands: run, validate, preview, mail-preview, new-api-key");
        System.exit(2);
      }
    }
  }

  private static void run(String[] args) {
    SpringApplication application = new SpringApplication(DeskBridgeApplication.class);
    Path configDir = configDir(args);
    application.setDefaultProperties(
        java.util.Map.of(
            "deskbridge.config-dir",
            configDir.toString(),
            "spring.config.import",
            "optional:file:" + configDir.resolve("deskbridge.yml")));
    application.run(springArgs(args));
  }

  /**
   * Checks connectors/ and mappings/ of the configuration directory.
   *
   * @return 0 when everything is valid, 1 with every problem printed otherwise
   */
  static int validate(String[] args, PrintStream out, PrintStream err) {
    Path dir = configDir(args);
    try {
      GatewayConfiguration configuration =
          new GatewayConfigurationLoader(ConnectorKinds.discover(), SecretReferences.fromSystem())
              .load(new ConfigDirectory(dir));
      out.printf(
          "%s: valid (%d queue(s), %d partner(s), %d routing rule(s), %d mapping(s))%n",
          dir,
          configuration.manufacturer().queues().size(),
          configuration.partners().size(),
          configuration.routing().rules().size(),
          configuration.mappings().size());
      return 0;
    } catch (ConfigurationException e) {
      e.problems().forEach(err::println);
      err.printf("%s: %d problem(s)%n", dir, e.problems().size());
      return 1;
    }
  }

  /**
   * Shows what a mapping makes of a sample record, without starting the gateway or storing
   * anything: {@code preview --mapping NAME FILE [--partner ID] [--kind ticket|comment]
   * [--config-dir DIR]}.
   *
   * @return 0 when the record fits the mapping, 1 when it does not or the configuration is broken,
   *     2 on a usage error
   */
  static int preview(String[] args, PrintStream out, PrintStream err) {
    String mappingName = option(args, "--mapping");
    String partner = option(args, "--partner");
    String kind = option(args, "--kind") == null ? "ticket" : option(args, "--kind");
    String file = lastPlainArgument(args);
    if (mappingName == null || file == null) {
      err.println(
          "usage: preview --mapping NAME FILE [--partner ID] [--kind ticket|comment] [--config-dir DIR]");
      return 2;
    }
    Path dir = configDir(args);
    GatewayConfiguration configuration;
    try {
      configuration =
          new GatewayConfigurationLoader(ConnectorKinds.discover(), SecretReferences.fromSystem())
              .load(new ConfigDirectory(dir));
    } catch (ConfigurationException e) {
      e.problems().forEach(err::println);
      return 1;
    }
    Mapping mapping = configuration.mappings().get(mappingName);
    if (mapping == null) {
      err.println(
          "no mapping '"
              + mappingName
              + "'; mappings: "
              + String.join(", ", configuration.mappings().keySet()));
      return 1;
    }
    ObjectMapper json =
        new ObjectMapper()
            .findAndRegisterModules()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    Map<String, Object> record;
    try {
      record = json.readValue(Path.of(file).toFile(), new TypeReference<Map<String, Object>>() {});
    } catch (IOException e) {
      err.println(file + ": not a JSON object: " + e.getMessage());
      return 1;
    }
    String partnerId =
        partner != null
            ? partner
            : configuration.partners().stream()
                .filter(p -> mappingName.equals(p.mapping()))
                .map(Partner::id)
                .findFirst()
                .orElse("preview");
    MappingPreview.Result result =
        MappingPreview.run(mapping, partnerId, kind, record, configuration.routing());
    try {
      out.println(json.writeValueAsString(result));
    } catch (IOException e) {
      err.println("cannot print the result: " + e.getMessage());
      return 1;
    }
    return result.problems().isEmpty() ? 0 : 1;
  }

  static String option(String[] args, String name) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].startsWith(name + "=")) {
        return args[i].substring(name.length() + 1);
      }
      if (args[i].equals(name) && i + 1 < args.length) {
        return args[i + 1];
      }
    }
    return null;
  }

  /** The last argument that is neither an option nor an option's value. */
  static String lastPlainArgument(String[] args) {
    String found = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].startsWith("--")) {
        if (!args[i].contains("=")) {
          i++;
        }
      } else {
        found = args[i];
      }
    }
    return found;
  }

  private static void newApiKey(PrintStream out) {
    String key = ApiKeys.generate();
    out.println("API key (give it to the partner once; it is not stored): " + key);
    out.println("For the partner file:");
    out.println("security:");
    out.println("  apiKeys:");
    out.println("    - sha256: " + ApiKeys.hashHex(key));
  }

  /**
   * The directory named by {@code --config-dir=DIR} or {@code --config-dir DIR}; else the working
   * one.
   */
  static Path configDir(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].startsWith("--config-dir=")) {
        return Path.of(args[i].substring("--config-dir=".length())).toAbsolutePath().normalize();
      }
      if (args[i].equals("--config-dir") && i + 1 < args.length) {
        return Path.of(args[i + 1]).toAbsolutePath().normalize();
      }
    }
    return Path.of("").toAbsolutePath();
  }

  private static String[] springArgs(String[] args) {
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--config-dir")) {
        i++;
      } else if (!args[i].startsWith("--config-dir=")) {
        kept.add(args[i]);
      }
    }
    return kept.toArray(String[]::new);
  }
}
