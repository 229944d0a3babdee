package io.deskbridge.web;

import java.util.List;

/** A page of tickets; {@code nextCursor} fetches the next one and is null on the last page. */
public record TicketPage(List<TicketView> items, String nextCursor) {}
