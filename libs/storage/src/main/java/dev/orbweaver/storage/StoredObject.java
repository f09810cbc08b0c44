package dev.orbweaver.storage;

/** An object's content and the content type it was stored with. */
public record StoredObject(String key, byte[] content, String contentType) {}
