package io.deskbridge.connector;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Every connector kind on the class path, by id. */
public final class ConnectorKinds {

  private final Map<String, ConnectorKind> byId;

  private ConnectorKinds(Map<String, ConnectorKind> byId) {
    this.byId = byId;
  }

  /**
   * The kinds declared through {@link ServiceLoader}; two kinds with one id are a packaging error.
   */
  public static ConnectorKinds discover() {
    Map<String, ConnectorKind> found = new TreeMap<>();
    for (ConnectorKind kind : ServiceLoader.load(ConnectorKind.class)) {
      ConnectorKind clash = found.putIfAbsent(kind.id(), kind);
      if (clash != null) {
        throw new IllegalStateException(
            "connector kind '"
                + kind.id()
                + "' is declared by both "
                + clash.getClass().getName()
                + " and "
                + kind.getClass().getName());
      }
    }
    return new ConnectorKinds(found);
  }

  public Optional<ConnectorKind> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public Collection<String> ids() {
    return byId.keySet();
  }

  public Collection<ConnectorKind> all() {
    return byId.values();
  }
}
