package io.deskbridge.queue;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** The manufacturer's side in force, with its queues; a reload swaps it whole. */
public class QueueDirectory {

  private final AtomicReference<ManufacturerSide> side;

  public QueueDirectory(ManufacturerSide initial) {
    this.side = new AtomicReference<>(initial);
  }

  public ManufacturerSide side() {
    return side.get();
  }

  public List<Queue> queues() {
    return side.get().queues();
  }

  public Optional<Queue> find(String id) {
    return side.get().queue(id);
  }

  public void replace(ManufacturerSide next) {
    side.set(next);
  }
}
