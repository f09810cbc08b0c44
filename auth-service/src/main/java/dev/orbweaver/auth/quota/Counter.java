package dev.orbweaver.auth.quota;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One quota counter as callers see it; limit and remaining are null when unlimited. */
public record Counter(
    String resource,
    Long limit,
    long used,
    long reserved,
    Long remaining,
    @JsonProperty("reset_at") long resetAt) {}
