package dev.orbweaver.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orbweaver.common.error.Dialect;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A path no resource method took still answers in the dialect of the resource that owns it. */
class ResourceDialectsTest {

  @Path("/v1")
  @SpeaksDialect(Dialect.CRAWLCRAWL)
  static class Crawlcrawl {
    @POST
    @Path("crawls")
    public void start() {}

    @GET
    @Path("pages/{id}")
    public void page() {}
  }

  @Path("/v1/crawl")
  @SpeaksDialect(Dialect.FIRECRAWL)
  static class FirecrawlV1 {
    @GET
    @Path("{id}")
    public void status() {}
  }

  @Path("/api/v1/crawl/")
  @SpeaksDialect(Dialect.ALTERLAB)
  static class AlterLab {}

  @Path("/internal/v1")
  static class Internal {
    @GET
    @Path("render")
    @SpeaksDialect(Dialect.FIRECRAWL)
    public void render() {}
  }

  static class NotAResource {}

  private final ResourceDialects dialects =
      new ResourceDialects(
          List.of(
              Crawlcrawl.class,
              FirecrawlV1.class,
              AlterLab.class,
              Internal.class,
              NotAResource.class));

  @Test
  void theLongestLiteralPrefixDecides() {
    assertThat(dialects.of("/v1/crawl")).isEqualTo(Dialect.FIRECRAWL);
    assertThat(dialects.of("/v1/crawl/")).isEqualTo(Dialect.FIRECRAWL);
    assertThat(dialects.of("/v1/crawl/x/y")).isEqualTo(Dialect.FIRECRAWL);
    assertThat(dialects.of("/v1/crawls")).isEqualTo(Dialect.CRAWLCRAWL);
    assertThat(dialects.of("/v1/pages/12/raw")).isEqualTo(Dialect.CRAWLCRAWL);
    assertThat(dialects.of("/v1/other")).isEqualTo(Dialect.CRAWLCRAWL);
  }

  @Test
  void prefixesMatchWholeSegments() {
    assertThat(dialects.of("/api/v1/crawl")).isEqualTo(Dialect.ALTERLAB);
    assertThat(dialects.of("/api/v1/crawl/")).isEqualTo(Dialect.ALTERLAB);
    assertThat(dialects.of("/api/v1/crawler")).isEqualTo(Dialect.INTERNAL);
    assertThat(dialects.of("/v10/crawls")).isEqualTo(Dialect.INTERNAL);
  }

  @Test
  void aMethodsOwnDialectOwnsItsPath() {
    assertThat(dialects.of("/internal/v1/render/x")).isEqualTo(Dialect.FIRECRAWL);
    assertThat(dialects.of("/internal/v1/other")).isEqualTo(Dialect.INTERNAL);
  }

  @Test
  void pathsNoResourceOwnsAreInternal() {
    assertThat(dialects.of("/")).isEqualTo(Dialect.INTERNAL);
    assertThat(dialects.of("/nothing/here")).isEqualTo(Dialect.INTERNAL);
    assertThat(dialects.of("nothing")).isEqualTo(Dialect.INTERNAL);
  }

  @Test
  void templatesEndTheLiteralPrefix() {
    assertThat(ResourceDialects.literalPrefix("/v1", "crawls/{id}/pages")).isEqualTo("/v1/crawls");
    assertThat(ResourceDialects.literalPrefix("/v1/crawl", "{id}")).isEqualTo("/v1/crawl");
    assertThat(ResourceDialects.literalPrefix("/", "")).isEqualTo("/");
    assertThat(ResourceDialects.literalPrefix("a/", "/b/")).isEqualTo("/a/b");
    assertThat(ResourceDialects.literalPrefix("/a", "b{id: [0-9]+}")).isEqualTo("/a");
  }
}
