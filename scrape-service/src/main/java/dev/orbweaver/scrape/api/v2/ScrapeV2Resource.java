package dev.orbweaver.scrape.api.v2;

import dev.orbweaver.common.error.Dialect;
import dev.orbweaver.common.principal.CurrentPrincipal;
import dev.orbweaver.common.web.SpeaksDialect;
import dev.orbweaver.scrape.api.ScrapeOptionsReader;
import dev.orbweaver.scrape.api.v2.V2Requests.ScrapeRequest;
import dev.orbweaver.scrape.extract.SchemaValidator;
import dev.orbweaver.scrape.llm.LlmCredentials;
import dev.orbweaver.scrape.llm.LlmProviders;
import dev.orbweaver.scrape.scrape.ScrapeService;
import dev.orbweaver.scrape.scrape.ScrapedPage;
import dev.orbweaver.scrape.web.Require;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** {@code POST /v2/scrape}: Firecrawl v2's scrape, {@code {success, data: Document}}. */
@Path("/v2/scrape")
@SpeaksDialect(Dialect.FIRECRAWL)
@RolesAllowed("user")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ScrapeV2Resource {
  private final ScrapeService scrapes;
  private final ScrapeOptionsReader options;
  private final SchemaValidator schemas;
  private final CurrentPrincipal caller;
  private final LlmProviders providers;

  @Inject
  public ScrapeV2Resource(
      ScrapeService scrapes,
      ScrapeOptionsReader options,
      SchemaValidator schemas,
      CurrentPrincipal caller,
      LlmProviders providers) {
    this.scrapes = scrapes;
    this.options = options;
    this.schemas = schemas;
    this.caller = caller;
    this.providers = providers;
  }

  @Operation(
      summary = "Scrape one URL (Firecrawl v2)",
      description =
          "Fetches the page and answers the formats asked for (markdown by default) with its metadata. Counts against the scrape quota.")
  @RequestBody(
      required = true,
      content =
          @Content(
              examples =
                  @ExampleObject(
                      name = "request",
                      value =
                          """
                        {"url": "https://example.com/pricing", "formats": ["markdown", "links"],
                         "onlyMainContent": true}""")))
  @APIResponse(
      responseCode = "200",
      description = "The page",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(type = SchemaType.OBJECT),
              examples =
                  @ExampleObject(
                      name = "page",
                      value =
                          """
                        {"success": true, "data": {
                         "markdown": "# Pricing Starter: 19 USD a month.",
                         "links": ["https://example.com/signup"],
                         "metadata": {"title": "Pricing", "sourceURL": "https://example.com/pricing",
                          "url": "https://example.com/pricing", "statusCode": 200,
                          "contentType": "text/html; charset=utf-8"}}}""")))
  @POST
  @RunOnVirtualThread
  public Map<String, Object> scrape(ScrapeRequest request) {
    Require.present(request, "body");
    String url = Require.text(request.url(), "url");
    ScrapedPage page =
        scrapes.scrape(
            caller.get(),
            url,
            options.read(request, V2Formats.read(request.formats(), "", schemas), ""),
            providers.check(
                new LlmCredentials(request.llmApiKey(), request.llmProvider(), request.llmModel())),
            "url");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", true);
    body.put("data", V2Documents.of(page));
    return body;
  }
}
