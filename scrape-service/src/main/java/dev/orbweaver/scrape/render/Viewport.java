package dev.orbweaver.scrape.render;

/** A browser window's size in CSS pixels. */
public record Viewport(int width, int height) {
  public static final Viewport DESKTOP = new Viewport(1280, 800);
  public static final Viewport MOBILE = new Viewport(390, 844);
}
