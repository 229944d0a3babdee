package io.deskbridge.bench;

import java.util.concurrent.Callable;

/**
 * How a benchmark harness ends its JVM: 0 when the run held, 1 when it found lost work, 2 when it
 * broke. Exiting outright keeps stray pool or client threads from holding the forked JVM open.
 */
final class BenchmarkExit {

  private BenchmarkExit() {}

  static void after(Callable<Boolean> run) {
    int exit;
    try {
      exit = run.call() ? 0 : 1;
    } catch (Exception | Error e) {
      e.printStackTrace();
      exit = 2;
    }
    System.exit(exit);
  }
}
