package dev.orbweaver.auth.key;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** An API key as its owner sees it: never the secret, except once, at creation. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiKey(
    String id,
    String prefix,
    String label,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("last_used_at") Instant lastUsedAt,
    @JsonProperty("revoked_at") Instant revokedAt) {}
