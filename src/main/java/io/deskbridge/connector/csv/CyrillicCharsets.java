package io.deskbridge.connector.csv;

import java.nio.charset.Charset;

/**
 * Tells windows-1251 from KOI8-R for bytes that are not UTF-8. Both put Cyrillic letters in the
 * upper half of the byte range, at different places, so the same bytes read in the wrong charset
 * are still Cyrillic letters, just the wrong ones. Read in the right charset the letters follow
 * Russian letter frequencies (о, е, а, и, н, т most often), and most of them are lower case; read
 * in the wrong one the rare letters and capitals pile up. The charset whose reading scores higher
 * wins.
 */
final class CyrillicCharsets {

  static final Charset WINDOWS_1251 = Charset.forName("windows-1251");
  static final Charset KOI8_R = Charset.forName("KOI8-R");

  // Per mille frequency of а..я in Russian text (ё counts as е).
  private static final double[] FREQUENCY = {
    80.1, 15.9, 45.4, 17.0, 29.8, 84.5, 9.4, 16.5, 73.5, 12.1, 34.9, 44.0, 32.1, 67.0, 109.7, 28.1,
    47.3, 54.7, 62.6, 26.2, 2.6, 9.7, 4.8, 14.4, 7.3, 3.6, 0.4, 19.0, 17.4, 3.2, 6.4, 20.1
  };

  // Score of every byte 0x80..0xFF read in each charset, computed once.
  private static final double[] WINDOWS_SCORE = scores(WINDOWS_1251);
  private static final double[] KOI8_SCORE = scores(KOI8_R);

  private CyrillicCharsets() {}

  /** The more likely of windows-1251 and KOI8-R for the sample. */
  static Charset guess(byte[] sample, int length) {
    double windows = 0;
    double koi8 = 0;
    for (int i = 0; i < length; i++) {
      int b = sample[i] & 0xFF;
      if (b >= 0x80) {
        windows += WINDOWS_SCORE[b - 0x80];
        koi8 += KOI8_SCORE[b - 0x80];
      }
    }
    return koi8 > windows ? KOI8_R : WINDOWS_1251;
  }

  private static double[] scores(Charset charset) {
    double[] scores = new double[128];
    for (int b = 0x80; b <= 0xFF; b++) {
      char c = new String(new byte[] {(byte) b}, charset).charAt(0);
      scores[b - 0x80] = score(c);
    }
    return scores;
  }

  private static double score(char c) {
    char lower = Character.toLowerCase(c);
    if (lower == 'ё') {
      lower = 'е';
    }
    if (lower < 'а' || lower > 'я') {
      return 0;
    }
    // A capital is worth less: Russian text is mostly lower case, and the wrong charset swaps the
    // cases of nearly every letter.
    double frequency = FREQUENCY[lower - 'а'];
    return Character.isLowerCase(c) ? frequency : frequency / 4;
  }
}
