package dev.orbweaver.gateway.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.MultiMap;

/**
 * An answer the gateway gives itself instead of the service's: the status, the error in the route's
 * dialect, and headers such as Retry-After and the rate-limit counters.
 */
public record Refusal(int status, ObjectNode body, MultiMap headers) {}
