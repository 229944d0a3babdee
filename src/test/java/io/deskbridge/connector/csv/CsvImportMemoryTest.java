package io.deskbridge.connector.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file is read in constant memory: a hundred thousand rows, far more bytes than the heap, go
 * through a JVM whose heap could not hold the file, let alone its rows.
 */
class CsvImportMemoryTest {

  private static final int ROWS = 100_000;
  private static final String HEAP = "-Xmx32m";

  @TempDir Path inbox;
  @TempDir Path work;

  @Test
  void hundredThousandRowsAreReadInAHeapSmallerThanTheFile() throws Exception {
    Path file = inbox.resolve("large.csv");
    String description = "После грозы не отвечает, ".repeat(30);
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("Номер;Тема;Описание;Статус;Приоритет;Прибор;Создана\r\n");
      for (int i = 0; i < ROWS; i++) {
        out.write(
            "L-"
                + i
                + ";Панель "
                + i
                + ";\""
                + description
                + "\";Новая;Обычный;fp-2000;03.11.2026\r\n");
      }
    }
    assertThat(Files.size(file)).as("the file is larger than the heap").isGreaterThan(64L << 20);

    Process reader =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP,
                "-cp",
                System.getProperty("java.class.path"),
                Reader.class.getName(),
                file.toString(),
                work.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(reader.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(reader.waitFor(120, TimeUnit.SECONDS)).isTrue();

    assertThat(output).as(output).contains("applied " + ROWS);
    assertThat(reader.exitValue()).as(output).isZero();
  }

  /** Reads one file with a store that keeps nothing, in the JVM the test starts. */
  public static final class Reader {
    public static void main(String[] args) throws Exception {
      Path file = Path.of(args[0]);
      long[] read = new CsvImportProbe(file.getParent(), Path.of(args[1])).read(file);
      System.out.println("applied " + read[0] + " rejected " + read[1]);
      System.exit(read[1] == 0 ? 0 : 1);
    }
  }
}
