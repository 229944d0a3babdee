package io.deskbridge.partner;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The partners in force. The whole set is replaced at once, so a reader never sees half of one
 * configuration and half of another.
 */
public class PartnerDirectory {

  private final AtomicReference<Map<String, Partner>> partners;

  public PartnerDirectory(Collection<Partner> initial) {
    this.partners = new AtomicReference<>(index(initial));
  }

  public Optional<Partner> find(String partnerId) {
    return Optional.ofNullable(partners.get().get(partnerId));
  }

  public List<Partner> all() {
    return partners.get().values().stream()
        .sorted(java.util.Comparator.comparing(Partner::id))
        .toList();
  }

  public void replace(Collection<Partner> next) {
    partners.set(index(next));
  }

  private static Map<String, Partner> index(Collection<Partner> partners) {
    return partners.stream()
        .collect(Collectors.toUnmodifiableMap(Partner::id, Function.identity()));
  }
}
