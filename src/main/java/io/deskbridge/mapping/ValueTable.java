package io.deskbridge.mapping;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A table of values from the partner's words to canonical ones, looked up without regard to case or
 * surrounding blanks. Read backwards for outbound, where the first partner word listed for a
 * canonical value is the one sent.
 */
public final class ValueTable {

  private final String name;
  private final Map<String, String> forward;
  private final Map<String, String> byFoldedKey = new HashMap<>();

  /**
   * Each partner word as written, with what the folded lookup gives for it: most records use the
   * table's own spelling, and folding it first costs new strings per lookup.
   */
  private final Map<String, String> byWord = new HashMap<>();

  private final Map<String, String> backward = new HashMap<>();
  private final Map<String, String> backwardFolded = new HashMap<>();

  public ValueTable(String name, Map<String, String> entries) {
    this.name = name;
    this.forward = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    entries.forEach(
        (partnerWord, canonical) -> {
          byFoldedKey.put(fold(partnerWord), canonical);
          backward.putIfAbsent(canonical, partnerWord);
          backwardFolded.putIfAbsent(fold(canonical), partnerWord);
        });
    entries.keySet().forEach(word -> byWord.put(word, byFoldedKey.get(fold(word))));
  }

  public String name() {
    return name;
  }

  /** The canonical value of a partner's word, or null when the table does not have it. */
  public String toCanonical(String partnerWord) {
    if (partnerWord == null) {
      return null;
    }
    String canonical = byWord.get(partnerWord);
    return canonical != null ? canonical : byFoldedKey.get(fold(partnerWord));
  }

  /**
   * The partner's word for a canonical value, or null when the table does not have one. The value
   * as written wins; otherwise case is ignored, so {@code erledigt: resolved} sends RESOLVED. Only
   * ignoring case would send "fault" and "Fault" of a category table as one word.
   */
  public String toPartner(String canonical) {
    if (canonical == null) {
      return null;
    }
    String word = backward.get(canonical);
    return word != null ? word : backwardFolded.get(fold(canonical));
  }

  public Set<String> partnerWords() {
    return forward.keySet();
  }

  public Map<String, String> entries() {
    return forward;
  }

  /**
   * The word without surrounding blanks and case. Through capitals first, so that letters sharing a
   * capital fold alike (Greek ς and σ, Turkish ı and i, German ß and SS), as {@link
   * String#equalsIgnoreCase} treats most of them.
   */
  static String fold(String word) {
    return word.strip().toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
  }
}
