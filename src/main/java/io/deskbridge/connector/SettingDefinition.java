package io.deskbridge.connector;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One setting of a connector kind, declared once: its name, type, whether it is required or secret,
 * its default and the sentence that documents it.
 */
public record SettingDefinition(
    String name,
    SettingType type,
    boolean required,
    boolean secret,
    Object defaultValue,
    String description) {

  public SettingDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(description, "description");
  }

  public static SettingDefinition required(String name, SettingType type, String description) {
    return new SettingDefinition(name, type, true, false, null, description);
  }

  public static SettingDefinition optional(
      String name, SettingType type, Object defaultValue, String description) {
    return new SettingDefinition(name, type, false, false, defaultValue, description);
  }

  public static SettingDefinition secret(String name, boolean required, String description) {
    return new SettingDefinition(name, SettingType.STRING, required, true, null, description);
  }

  /** Checks settings against declarations: unknown names, missing required ones, wrong types. */
  static void checkAll(
      List<SettingDefinition> declared, ConnectorSettings settings, List<SettingProblem> problems) {
    Set<String> names = declared.stream().map(SettingDefinition::name).collect(Collectors.toSet());
    for (String given : settings.names()) {
      if (!names.contains(given)) {
        problems.add(
            new SettingProblem(
                given,
                "unknown setting"
                    + (names.isEmpty()
                        ? "; this kind takes none"
                        : "; known: " + String.join(", ", names.stream().sorted().toList()))));
      }
    }
    for (SettingDefinition definition : declared) {
      Object value = settings.raw(definition.name());
      if (value == null) {
        if (definition.required()) {
          problems.add(
              new SettingProblem(definition.name(), "is required: " + definition.description()));
        }
        continue;
      }
      String wrong = definition.type().check(value);
      if (wrong != null) {
        problems.add(new SettingProblem(definition.name(), wrong));
      }
    }
  }
}
