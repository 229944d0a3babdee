package io.deskbridge.connector.csv;

import java.io.IOException;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.component.file.GenericFileExist;
import org.apache.camel.component.file.remote.SftpEndpoint;

/**
 * A folder on the partner's SFTP server, written through Camel's {@code sftp} producer. The file
 * goes up under a temporary name and is renamed on the server once complete ({@code tempFileName}).
 * The folder is not created when missing, as with a local folder.
 */
final class ExportSftp implements ExportTarget {

  private final ExportSettings.Sftp server;
  private final SftpEndpoint endpoint;
  private final Producer producer;

  private ExportSftp(ExportSettings.Sftp server, SftpEndpoint endpoint, Producer producer) {
    this.server = server;
    this.endpoint = endpoint;
    this.producer = producer;
  }

  /**
   * The producer for one partner's folder. The endpoint is made without registering it, so that its
   * password stays out of the context's endpoint registry and out of every URI.
   *
   * @param stayConnected keep the session between files (a file per change); an interval export
   *     connects for each file, since a session idle for the whole interval is often dropped
   */
  static ExportSftp open(CamelContext camel, ExportSettings.Sftp server, boolean stayConnected)
      throws Exception {
    String uri =
        "sftp://"
            + server.host()
            + ":"
            + server.port()
            + "/"
            + server.directory()
            + "?binary=true&autoCreate=false&connectTimeout=10000&timeout=30000"
            + "&maximumReconnectAttempts=0&disconnect="
            + !stayConnected;
    SftpEndpoint endpoint = (SftpEndpoint) camel.getComponent("sftp", true).createEndpoint(uri);
    endpoint.getConfiguration().setUsername(server.username());
    endpoint.getConfiguration().setPassword(server.password());
    if (server.strictHostKeys()) {
      endpoint.getConfiguration().setStrictHostKeyChecking("yes");
      if (server.knownHostsFile() != null) {
        endpoint.getConfiguration().setKnownHostsFile(server.knownHostsFile());
        endpoint.getConfiguration().setUseUserKnownHostsFile(false);
      } else {
        endpoint.getConfiguration().setUseUserKnownHostsFile(true);
      }
    } else {
      endpoint.getConfiguration().setStrictHostKeyChecking("no");
      endpoint.getConfiguration().setUseUserKnownHostsFile(false);
    }
    endpoint.setTempFileName(ExportTarget.temporaryName("${file:onlyname}"));
    endpoint.setFileExist(GenericFileExist.Ignore);
    endpoint.start();
    Producer producer = endpoint.createProducer();
    producer.start();
    return new ExportSftp(server, endpoint, producer);
  }

  @Override
  public void publish(String name, byte[] content) throws IOException {
    Exchange exchange = endpoint.createExchange();
    exchange.getMessage().setHeader(Exchange.FILE_NAME, name);
    exchange.getMessage().setBody(content);
    Exception failure;
    try {
      producer.process(exchange);
      failure = exchange.getException();
    } catch (Exception e) {
      failure = e;
    }
    if (failure != null) {
      throw new IOException(
          "cannot write to outbox " + server + ": " + ExportFailures.describe(failure));
    }
  }

  @Override
  public String where() {
    return server.toString();
  }

  @Override
  public void close() {
    try {
      producer.stop();
    } finally {
      endpoint.stop();
    }
  }
}
