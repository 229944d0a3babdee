package io.deskbridge.connector.csv;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a partner's files arrive: a local folder, or a folder on an SFTP server with the login and
 * the host key check that reach it. {@link #toString()} never shows the password.
 */
record CsvInbox(
    boolean remote,
    String host,
    int port,
    String path,
    String username,
    String password,
    boolean strictHostKeys,
    String knownHostsFile) {

  /**
   * Reads {@code /path}, {@code C:\path} or {@code sftp://host[:port]/path}.
   *
   * @throws IllegalArgumentException naming what is wrong with the text
   */
  static CsvInbox parse(String text) {
    String value = text.strip();
    if (value.isEmpty()) {
      throw new IllegalArgumentException("must name a folder or sftp://host[:port]/path");
    }
    String lower = value.toLowerCase(Locale.ROOT);
    if (lower.startsWith("sftp://")) {
      URI uri;
      try {
        uri = new URI(value);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("'" + value + "' is not sftp://host[:port]/path");
      }
      if (uri.getHost() == null || uri.getPath() == null || uri.getPath().isEmpty()) {
        throw new IllegalArgumentException("'" + value + "' is not sftp://host[:port]/path");
      }
      if (uri.getUserInfo() != null) {
        throw new IllegalArgumentException(
            "write the login in username and password, not in the inbox address");
      }
      return new CsvInbox(
          true,
          uri.getHost(),
          uri.getPort() < 0 ? 22 : uri.getPort(),
          uri.getPath(),
          null,
          null,
          true,
          null);
    }
    if (lower.matches("[a-z][a-z0-9+.-]+://.*")) {
      throw new IllegalArgumentException(
          "'" + value + "': only a local folder or sftp://host[:port]/path can be an inbox");
    }
    return new CsvInbox(
        false, null, 0, Path.of(value).toAbsolutePath().toString(), null, null, true, null);
  }

  CsvInbox withLogin(
      String username, String password, boolean strictHostKeys, String knownHostsFile) {
    return new CsvInbox(
        remote, host, port, path, username, password, strictHostKeys, knownHostsFile);
  }

  /** The folder for people: the path, or the sftp address without the login. */
  String display() {
    return remote ? "sftp://" + host + ":" + port + path : path;
  }

  @Override
  public String toString() {
    return display();
  }
}
