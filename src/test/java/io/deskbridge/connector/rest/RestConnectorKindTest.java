package io.deskbridge.connector.rest;

import io.deskbridge.connector.ConnectorKind;
import io.deskbridge.connector.ConnectorKindContract;
import java.util.Map;

/** The {@code rest} kind keeps the contract every connector kind keeps. */
class RestConnectorKindTest extends ConnectorKindContract {

  @Override
  protected ConnectorKind kind() {
    return new RestConnectorKind();
  }

  @Override
  protected Map<String, Object> validSettings() {
    return Map.of();
  }
}
