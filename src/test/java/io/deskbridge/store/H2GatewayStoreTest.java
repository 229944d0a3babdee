package io.deskbridge.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The gateway store contract on H2 in file mode, the embedded default. */
class H2GatewayStoreTest extends GatewayStoreContract {

  @TempDir Path directory;

  @Override
  protected StoreDatabase openDatabase() {
    return StoreDatabase.h2(directory);
  }
}
