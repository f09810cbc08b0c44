package dev.orbweaver.scrape.render.cdp;

import com.fasterxml.jackson.databind.JsonNode;

/** A DevTools event: its method ({@code Page.loadEventFired}) and parameters. */
public record CdpEvent(String method, JsonNode params) {}
