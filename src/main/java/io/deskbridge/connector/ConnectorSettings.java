package io.deskbridge.connector;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code settings:} block of one partner file, with secrets already resolved from their
 * references. {@link #toString()} never shows values, so settings can be logged safely.
 */
public final class ConnectorSettings {

  private final Map<String, Object> values;

  public ConnectorSettings(Map<String, Object> values) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  public static ConnectorSettings none() {
    return new ConnectorSettings(Map.of());
  }

  public Set<String> names() {
    return values.keySet();
  }

  public Object raw(String name) {
    return values.get(name);
  }

  public String string(String name, String fallback) {
    Object value = values.get(name);
    return value == null ? fallback : String.valueOf(value);
  }

  public long number(String name, long fallback) {
    Object value = values.get(name);
    return value instanceof Number n ? n.longValue() : fallback;
  }

  public boolean flag(String name, boolean fallback) {
    Object value = values.get(name);
    return value instanceof Boolean b ? b : fallback;
  }

  public Duration duration(String name, Duration fallback) {
    Object value = values.get(name);
    Duration parsed = value == null ? null : SettingType.parseDuration(String.valueOf(value));
    return parsed == null ? fallback : parsed;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ConnectorSettings that && values.equals(that.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return "ConnectorSettings" + values.keySet() + " (values hidden)";
  }
}
