package dev.orbweaver.auth.key;

/** Who a verified key speaks for. */
public record KeyOwner(long accountId, long projectId, String keyId, String plan) {}
