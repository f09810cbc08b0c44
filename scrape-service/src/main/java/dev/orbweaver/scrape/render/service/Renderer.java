package dev.orbweaver.scrape.render.service;

import dev.orbweaver.scrape.render.RenderRequest;
import dev.orbweaver.scrape.render.RenderResult;

/**
 * Renders a page, wherever the browsers are: in this process (role {@code all} or {@code render})
 * or in the render replicas over the internal API (role {@code api}). The request must have passed
 * {@link dev.orbweaver.scrape.render.RenderLimits#validate}.
 */
public interface Renderer {
  RenderResult render(RenderRequest request);
}
