package dev.orbweaver.fetch.robots;

/** What fetching a robots.txt came to, in RFC 9309's terms. */
public enum RobotsStatus {
  /** A 2xx answer: its rules apply. */
  FETCHED,
  /** 4xx (or more than five redirects): "unavailable", crawling is allowed everywhere. */
  UNAVAILABLE,
  /** 5xx, 429 or no answer at all: "unreachable", crawling is disallowed everywhere. */
  UNREACHABLE
}
