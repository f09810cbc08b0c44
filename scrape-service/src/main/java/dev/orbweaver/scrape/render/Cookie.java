package dev.orbweaver.scrape.render;

/** A cookie the caller sends with the page, scoped to the render's URL. */
public record Cookie(String name, String value) {}
