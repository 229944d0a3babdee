package io.deskbridge.connector.csv;

import java.io.IOException;

/**
 * Where a partner's exported files go. A file appears under its final name only once it is
 * complete: it is written under a hidden temporary name ({@code .name.part}) and then renamed.
 */
interface ExportTarget extends AutoCloseable {

  /**
   * Publishes a complete file. A file already there under that name is left as it is, since it can
   * only be this file, published before a crash kept us from recording it.
   *
   * @throws IOException with a message fit for ops (no stack trace, no secret) when the file could
   *     not be written
   */
  void publish(String name, byte[] content) throws IOException;

  /** The target as ops read it: a folder or an sftp URL. */
  String where();

  @Override
  default void close() {}

  /** The temporary name of a file being written: hidden, and not matching {@code *.csv}. */
  static String temporaryName(String name) {
    return "." + name + ".part";
  }
}
