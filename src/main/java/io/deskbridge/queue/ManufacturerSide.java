package io.deskbridge.queue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The manufacturer as configured: its name and its queues. */
public record ManufacturerSide(String name, List<Queue> queues, Path file) {

  public ManufacturerSide {
    queues = List.copyOf(queues);
  }

  public Optional<Queue> queue(String id) {
    return queues.stream().filter(q -> q.id().equals(id)).findFirst();
  }

  public List<String> queueIds() {
    return queues.stream().map(Queue::id).toList();
  }
}
