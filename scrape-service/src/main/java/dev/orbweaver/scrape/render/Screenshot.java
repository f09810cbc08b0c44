package dev.orbweaver.scrape.render;

/** A captured image: PNG or JPEG bytes. */
public record Screenshot(String mediaType, byte[] bytes) {}
