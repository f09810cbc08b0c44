package dev.orbweaver.auth.key;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** A key just made: the only time its secret is ever shown. */
public record NewKey(
    String id,
    String key,
    String prefix,
    String label,
    @JsonProperty("created_at") Instant createdAt) {}
