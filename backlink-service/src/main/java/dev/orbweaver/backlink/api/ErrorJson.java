package dev.orbweaver.backlink.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The CrawlGraph error envelope, for the OpenAPI document (libs/common renders it). */
@Schema(name = "Error")
public record ErrorJson(
    @Schema(
            examples = "validation_error",
            enumeration = {
              "auth_missing",
              "auth_invalid",
              "quota_exceeded",
              "validation_error",
              "not_found",
              "internal_error"
            })
        String error,
    @Schema(examples = "limit must be between 1 and 10000") String message,
    @JsonProperty("request_id") @Schema(examples = "req_a1b2c3d4") String requestId) {}
