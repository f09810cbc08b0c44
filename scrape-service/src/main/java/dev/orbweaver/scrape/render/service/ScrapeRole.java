package dev.orbweaver.scrape.render.service;

import java.util.Locale;

/**
 * What a scrape-service replica does ({@code orbweaver.scrape.role}, env {@code
 * ORBWEAVER_SCRAPE_ROLE}): {@code api} serves the public API and sends renders to the render
 * replicas, {@code render} runs the browser pool and serves {@code /internal/v1/render}, {@code
 * all} (the default, one machine) does both in one process without an HTTP hop.
 */
public enum ScrapeRole {
  API,
  RENDER,
  ALL;

  public static ScrapeRole parse(String value) {
    try {
      return valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException(
          "orbweaver.scrape.role (ORBWEAVER_SCRAPE_ROLE) must be api, render or all, not " + value);
    }
  }

  public boolean runsBrowsers() {
    return this != API;
  }
}
