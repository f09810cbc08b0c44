package dev.orbweaver.scrape.render.service;

import dev.orbweaver.scrape.render.RenderRequest;
import dev.orbweaver.scrape.render.RenderResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The {@link Renderer} the edges inject: this replica's own pool when its role runs browsers, the
 * render replicas over HTTP when it is an api replica.
 */
@ApplicationScoped
public class RenderClient implements Renderer {
  private final LocalRenderer local;
  private final RemoteRenderer remote;

  @Inject
  public RenderClient(LocalRenderer local, RemoteRenderer remote) {
    this.local = local;
    this.remote = remote;
  }

  @Override
  public RenderResult render(RenderRequest request) {
    return local.role().runsBrowsers() ? local.render(request) : remote.render(request);
  }
}
