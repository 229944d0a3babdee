package io.deskbridge.connector.email;

/** One polled mailbox: server, port, login and folder. */
record MailboxKey(String host, int port, String username, String folder) {

  @Override
  public String toString() {
    return username + "@" + host + ":" + port + "/" + folder;
  }
}
