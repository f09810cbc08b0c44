package dev.orbweaver.storage;

import java.time.Instant;

/** One entry of a listing. */
public record ObjectSummary(String key, long size, Instant lastModified) {}
