package io.deskbridge.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves secret references in configuration: {@code ${ENV_VAR}} from the environment and {@code
 * file:/path} from a file outside the repository. Secrets are never written inline, so a value that
 * is neither is refused where a secret is expected.
 */
public final class SecretReferences {

  private static final Pattern ENV = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  private final Map<String, String> environment;
  private final boolean readSecrets;

  public SecretReferences(Map<String, String> environment) {
    this(environment, true);
  }

  private SecretReferences(Map<String, String> environment, boolean readSecrets) {
    this.environment = environment;
    this.readSecrets = readSecrets;
  }

  /**
   * References that are checked for their form but never read, for commands that look at the
   * configuration without connecting anywhere (a preview needs no mailbox password).
   */
  public static SecretReferences unread() {
    return new SecretReferences(Map.of(), false);
  }

  public static SecretReferences fromSystem() {
    return new SecretReferences(System.getenv());
  }

  public static boolean isReference(String value) {
    return value != null
        && (ENV.matcher(value.trim()).matches() || value.trim().startsWith("file:"));
  }

  /**
   * The secret a reference points to.
   *
   * @throws IllegalArgumentException naming the variable or file (never the secret) when it is
   *     unset
   */
  public String resolve(String reference) {
    String value = reference.trim();
    if (!readSecrets && isReference(value)) {
      return "(not read)";
    }
    Matcher env = ENV.matcher(value);
    if (env.matches()) {
      String secret = environment.get(env.group(1));
      if (secret == null || secret.isEmpty()) {
        throw new IllegalArgumentException("environment variable " + env.group(1) + " is not set");
      }
      return secret;
    }
    if (value.startsWith("file:")) {
      Path file = Path.of(value.substring("file:".length()));
      try {
        return Files.readString(file, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "cannot read secret file " + file + ": " + e.getMessage());
      }
    }
    throw new IllegalArgumentException(
        "secrets are referenced as ${ENV_VAR} or file:/path, never written inline");
  }
}
