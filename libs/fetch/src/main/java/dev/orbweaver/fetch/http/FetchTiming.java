package dev.orbweaver.fetch.http;

import java.time.Duration;

/**
 * Where the time of a fetch went.
 *
 * @param toHeaders from the start until the final response's headers arrived (redirects included)
 * @param total from the start until the body was read
 */
public record FetchTiming(Duration toHeaders, Duration total) {}
