package io.deskbridge;

import io.deskbridge.config.ConfigDirectory;
import io.deskbridge.config.ConfigurationException;
import io.deskbridge.config.SecretReferences;
import io.deskbridge.connector.ConnectorKinds;
import io.deskbridge.partner.ApiKeys;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
      default -> {
        System.err.println(
            "unknown command '" + command + "'; commands: run, validate, new-api-key");
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
          "%s: valid (%d queue(s), %d partner(s), %d routing rule(s))%n",
          dir,
          configuration.manufacturer().queues().size(),
          configuration.partners().size(),
          configuration.routing().rules().size());
      return 0;
    } catch (ConfigurationException e) {
      e.problems().forEach(err::println);
      err.printf("%s: %d problem(s)%n", dir, e.problems().size());
      return 1;
    }
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
