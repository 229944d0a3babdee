package io.deskbridge.connector.csv;

import io.deskbridge.connector.ConnectorState;
import io.deskbridge.connector.InboundChange;
import io.deskbridge.connector.InboundResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The connector alone, for the benchmark outside this package: {@link CsvImport} with the test
 * partner's mapping (read by the real mapping reader), a sink that keeps nothing and finds no
 * ticket, and a connector state that keeps nothing, so every row is read, detected, hashed and
 * mapped as a new ticket and nothing is stored.
 */
public final class CsvImportProbe {

  /** The csv tests' Russian partner mapping ({@code Номер;Тема;Описание;Статус;…}). */
  public static final String MAPPING = CsvFixtures.MAPPING;

  /** The column that holds the partner's ticket id in files for {@link #MAPPING}. */
  public static final String TICKET_ID_COLUMN = "Номер";

  private final CsvImport importer;

  /**
   * @param inbox the folder the files lie in
   * @param work a folder for the mapping file and error reports
   */
  public CsvImportProbe(Path inbox, Path work) throws IOException {
    CsvFixtures.Sink nothingKept =
        new CsvFixtures.Sink() {
          @Override
          public synchronized long storeRaw(String sourceKey, String mediaType, byte[] body) {
            return 1;
          }

          @Override
          public InboundResult submit(long raw, String key, InboundChange change) {
            return new InboundResult(null, null, false);
          }
        };
    ConnectorState nothing =
        new ConnectorState() {
          @Override
          public Optional<String> get(String key) {
            return Optional.empty();
          }

          @Override
          public void put(String key, String value) {}

          @Override
          public long increment(String key) {
            return 0;
          }

          @Override
          public void removeStartingWith(String prefix) {}
        };
    importer =
        new CsvImport(
            "sever",
            nothingKept,
            new CsvFixtures.Records(CsvFixtures.mapping(work, MAPPING)).read,
            nothing,
            CsvFixtures.settings(inbox, Map.of()),
            work);
  }

  /**
   * Reads one file whole.
   *
   * @return rows applied and rows rejected
   */
  public long[] read(Path file) throws IOException {
    CsvImport.Outcome outcome = importer.read(file, file.getFileName().toString());
    if (outcome.rejected()) {
      throw new IllegalStateException(outcome.reason());
    }
    return new long[] {outcome.applied(), outcome.rowsRejected()};
  }
}
