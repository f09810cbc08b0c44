package dev.orbweaver.fetch.http;

/** One redirect hop: the URL that answered, its status and the absolute URL it pointed to. */
public record Redirect(String from, int status, String to) {}
