package io.deskbridge.queue;

/** A manufacturer queue: an id that routing rules name, a display name and what it is for. */
public record Queue(String id, String name, String description) {}
