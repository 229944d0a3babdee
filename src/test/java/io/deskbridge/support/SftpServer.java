package io.deskbridge.support;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * A real SFTP server in the test's process (Apache SSHD), standing in for a partner's file server:
 * one user, password login, its files under a folder on disk the test can look into.
 */
public final class SftpServer implements AutoCloseable {

  public static final String USER = "partner";
  public static final String PASSWORD = "drop-secret";

  private final SshServer server;
  private final Path root;

  private SftpServer(SshServer server, Path root) {
    this.server = server;
    this.root = root;
  }

  /** Starts a server on a free port whose users see {@code root} as {@code /}. */
  public static SftpServer start(Path root, Path hostKey) throws IOException {
    SshServer server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(0);
    server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(hostKey));
    server.setPasswordAuthenticator(
        (user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
    server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
    server.setFileSystemFactory(new VirtualFileSystemFactory(root));
    server.start();
    return new SftpServer(server, root);
  }

  public int port() {
    return server.getPort();
  }

  /** The server's host key as a line of an OpenSSH {@code known_hosts} file. */
  public String knownHostsLine()
      throws java.io.IOException, java.security.GeneralSecurityException {
    java.security.KeyPair key = server.getKeyPairProvider().loadKeys(null).iterator().next();
    return "[127.0.0.1]:"
        + port()
        + " "
        + org.apache.sshd.common.config.keys.PublicKeyEntry.toString(key.getPublic());
  }

  /** The folder on disk that the server shows as {@code /}. */
  public Path root() {
    return root;
  }

  @Override
  public void close() throws IOException {
    server.stop(true);
  }
}
