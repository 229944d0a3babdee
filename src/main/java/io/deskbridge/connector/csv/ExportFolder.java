package io.deskbridge.connector.csv;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A local (or mounted) folder the partner's import reads. It is not created when missing: a share
 * that is not mounted must fail the delivery, not fill a folder on our own disk.
 */
final class ExportFolder implements ExportTarget {

  private final Path folder;

  ExportFolder(Path folder) {
    this.folder = folder;
  }

  @Override
  public void publish(String name, byte[] content) throws IOException {
    if (!Files.isDirectory(folder)) {
      throw new IOException(
          Files.exists(folder)
              ? "outbox folder " + folder + " is not a folder"
              : "outbox folder " + folder + " does not exist");
    }
    Path target = folder.resolve(name);
    if (Files.exists(target)) {
      return;
    }
    Path temporary = folder.resolve(ExportTarget.temporaryName(name));
    try {
      try (FileChannel channel =
          FileChannel.open(
              temporary,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
      ExportSpool.syncFolder(folder);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(temporary);
      } catch (IOException ignored) {
        // The folder refuses us altogether; the message below says so.
      }
      String why =
          e instanceof AccessDeniedException ? "permission denied" : ExportFailures.describe(e);
      throw new IOException("cannot write to outbox folder " + folder + ": " + why);
    }
  }

  @Override
  public String where() {
    return "folder " + folder;
  }
}
