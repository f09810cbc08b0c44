package dev.orbweaver.gateway.admission;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientRequest;

/**
 * What carries one call through the {@link Admission} pipeline: the HTTP proxy for a client on the
 * network, the in-process caller for MCP tools and the console. The pipeline decides; a carrier
 * only moves bytes between its client and the service.
 */
public interface Carrier {

  /** Whether the client went away; a call whose client is gone is not forwarded. */
  boolean clientGone();

  /**
   * Sends the call on {@code upstream}, whose method and URI are set: with {@code headers} (the
   * caller's JWT, the request id) in place of any the client sent under those names, the carrier's
   * own, and the body, streamed through {@code limit} when its length was not known up front.
   * Completes when the service's answer has begun, with its body unread.
   */
  Future<ServiceAnswer> send(HttpClientRequest upstream, MultiMap headers, BodyLimit limit);

  /** Answers the client with the gateway's own refusal. */
  void refuse(Refusal refusal);

  /** The client went away before the call was forwarded: nobody is left to answer. */
  void abandon();

  /**
   * Sets each of {@code headers} on {@code target}, replacing what it held under those names (and
   * only those: MultiMap's own setAll empties the target first).
   */
  static void overlay(MultiMap target, MultiMap headers) {
    for (String name : headers.names()) {
      target.set(name, headers.getAll(name));
    }
  }

  /** The service's answer as far as it has arrived: its status, and the rest to hand on. */
  interface ServiceAnswer {
    int status();

    /** A header of the service's answer, or null. */
    String header(String name);

    /** Hands the answer to the client with the gateway's {@code headers} added. */
    void deliver(MultiMap headers);
  }
}
