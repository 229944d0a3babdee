package io.deskbridge.store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The gateway store contract on a real PostgreSQL, as production and several instances run it. */
class PostgresGatewayStoreTest extends GatewayStoreContract {

  private static StoreDatabase.PostgresServer server;

  @BeforeAll
  static void startServer() {
    server = StoreDatabase.PostgresServer.start();
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Override
  protected StoreDatabase openDatabase() {
    return server.freshDatabase();
  }
}
