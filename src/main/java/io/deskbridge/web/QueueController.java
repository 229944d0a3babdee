package io.deskbridge.web;

import io.deskbridge.partner.Caller;
import io.deskbridge.queue.Queue;
import io.deskbridge.queue.QueueDirectory;
import io.deskbridge.ticket.Status;
import io.deskbridge.ticket.TicketStore;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/queues}: the manufacturer's queues and the tickets in them. */
@RestController
@RequestMapping("/api/v1/queues")
public class QueueController {

  /** A queue with how many tickets it holds and how many of them are not resolved yet. */
  public record QueueView(String id, String name, String description, long open, long total) {}

  private final QueueDirectory queues;
  private final TicketStore tickets;
  private final TicketController ticketList;

  public QueueController(QueueDirectory queues, TicketStore tickets, TicketController ticketList) {
    this.queues = queues;
    this.tickets = tickets;
    this.ticketList = ticketList;
  }

  @GetMapping
  public List<QueueView> list(@RequestAttribute(ApiAuthentication.CALLER) Caller caller) {
    StaffOnly.manufacturer(caller);
    return queues.queues().stream().map(this::view).toList();
  }

  @GetMapping("/{queue}/tickets")
  public TicketPage tickets(
      @RequestAttribute(ApiAuthentication.CALLER) Caller caller,
      @PathVariable String queue,
      @RequestParam(required = false) String updatedSince,
      @RequestParam(required = false) Status status,
      @RequestParam(required = false) String cursor,
      @RequestParam(defaultValue = "50") int limit) {
    StaffOnly.manufacturer(caller);
    if (queues.find(queue).isEmpty()) {
      throw ApiProblem.notFound("no queue '" + queue + "'");
    }
    return ticketList.page(caller, queue, updatedSince, status, cursor, limit);
  }

  private QueueView view(Queue queue) {
    return new QueueView(
        queue.id(),
        queue.name(),
        queue.description(),
        tickets.countInQueue(queue.id(), true),
        tickets.countInQueue(queue.id(), false));
  }
}
