package io.deskbridge.routing;

import io.deskbridge.ticket.TicketDraft;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One field of a rule's {@code when:}: holds when the field matches any of the patterns. Patterns
 * are case-insensitive globs ({@code FP-*}); for {@code text} a pattern matches anywhere in the
 * text.
 */
public record RoutingCondition(RoutingField field, List<String> patterns, List<Pattern> compiled) {

  public static RoutingCondition of(RoutingField field, List<String> patterns) {
    boolean anywhere = field == RoutingField.TEXT;
    List<Pattern> compiled = patterns.stream().map(p -> glob(p, anywhere)).toList();
    return new RoutingCondition(field, List.copyOf(patterns), compiled);
  }

  public boolean holds(String partnerId, TicketDraft draft) {
    String value = field.valueOf(partnerId, draft);
    if (value == null) {
      return false;
    }
    return compiled.stream().anyMatch(p -> p.matcher(value).matches());
  }

  private static Pattern glob(String glob, boolean anywhere) {
    StringBuilder regex = new StringBuilder(anywhere ? "(?s).*" : "(?s)");
    for (String part : glob.split("\\*", -1)) {
      regex.append(Pattern.quote(part)).append(".*");
    }
    regex.setLength(regex.length() - 2);
    if (anywhere) {
      regex.append(".*");
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  @Override
  public String toString() {
    return field.key() + " ~ " + String.join("|", patterns).toLowerCase(Locale.ROOT);
  }
}
