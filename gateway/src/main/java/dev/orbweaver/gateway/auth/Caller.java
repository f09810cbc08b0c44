package dev.orbweaver.gateway.auth;

/** The owner of a verified key and the JWT that carries it to services. */
public record Caller(
    long accountId, long projectId, String keyId, String plan, String token, long tokenExpiresAt) {}
