package dev.orbweaver.gateway.admission;

import dev.orbweaver.gateway.route.Route;
import io.vertx.core.http.HttpMethod;

/**
 * One call to a public route, whatever carries it: the route it matched, what it asks for, who
 * presents it from where, and the body length it declares (-1 when unknown until read, as for a
 * chunked body).
 *
 * @param key the presented API key, or null when none was presented
 * @param query the query string, or null
 */
public record Call(
    Route route,
    HttpMethod method,
    String path,
    String query,
    String requestId,
    String key,
    String clientAddress,
    long bodyLength) {}
