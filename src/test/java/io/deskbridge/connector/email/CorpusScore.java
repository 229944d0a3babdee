package io.deskbridge.connector.email;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** How many messages of one corpus matched their expectations, and why the others did not. */
final class CorpusScore {

  final String corpus;
  int checked;
  int matched;
  int aspects;
  int aspectsMatched;
  final List<String> misses = new ArrayList<>();
  final List<String> skipped = new ArrayList<>();

  CorpusScore(String corpus) {
    this.corpus = corpus;
  }

  /**
   * One message compared on {@code aspects} aspects (subject, sender, body, attachments...), of
   * which the differences name the ones that did not match.
   */
  void record(String file, int aspectsChecked, List<String> differences) {
    Set<String> failed = new HashSet<>();
    for (String difference : differences) {
      failed.add(difference.startsWith("unreadable") ? "*" : aspect(difference));
    }
    aspects += aspectsChecked;
    aspectsMatched += failed.contains("*") ? 0 : Math.max(0, aspectsChecked - failed.size());
    checked++;
    if (differences.isEmpty()) {
      matched++;
    } else {
      misses.add(file + ": " + String.join("; ", differences));
    }
  }

  /** The aspect a difference is about: its first word, singular ("attachments" is "attachment"). */
  private static String aspect(String difference) {
    String word = difference.split("[ :']", 2)[0];
    return word.endsWith("s") ? word.substring(0, word.length() - 1) : word;
  }

  void skip(String file, String reason) {
    skipped.add(file + ": " + reason);
  }

  String line() {
    return String.format(
        Locale.ROOT,
        "%s: %d/%d messages match on every aspect (%.1f%%); %d/%d aspects match (%.1f%%)%s",
        corpus,
        matched,
        checked,
        checked == 0 ? 100.0 : 100.0 * matched / checked,
        aspectsMatched,
        aspects,
        aspects == 0 ? 100.0 : 100.0 * aspectsMatched / aspects,
        skipped.isEmpty() ? "" : ", " + skipped.size() + " not applicable");
  }
}
