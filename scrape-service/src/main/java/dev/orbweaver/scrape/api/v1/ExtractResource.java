package dev.orbweaver.scrape.api.v1;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orbweaver.common.error.Dialect;
import dev.orbweaver.common.principal.CurrentPrincipal;
import dev.orbweaver.common.web.SpeaksDialect;
import dev.orbweaver.scrape.api.ChangeTrackingWire;
import dev.orbweaver.scrape.api.ExtractWire;
import dev.orbweaver.scrape.api.v1.ScrapeRequests.ExtractRequest;
import dev.orbweaver.scrape.extract.ExtractService;
import dev.orbweaver.scrape.extract.SchemaValidator;
import dev.orbweaver.scrape.llm.LlmCredentials;
import dev.orbweaver.scrape.llm.LlmProviders;
import dev.orbweaver.scrape.scrape.JsonSpec;
import dev.orbweaver.scrape.scrape.ScrapeSpec;
import dev.orbweaver.scrape.web.Require;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/extract}: CRW's synchronous extract ("scrape + formats:[json]"), {@code {success,
 * data}}. A warning names the fields the page data could not fill when no LLM ran.
 */
@Path("/v1/extract")
@SpeaksDialect(Dialect.FIRECRAWL)
@RolesAllowed("user")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ExtractResource {
  private final ExtractService extracts;
  private final SchemaValidator schemas;
  private final LlmProviders providers;
  private final CurrentPrincipal caller;

  @Inject
  public ExtractResource(
      ExtractService extracts,
      SchemaValidator schemas,
      LlmProviders providers,
      CurrentPrincipal caller) {
    this.extracts = extracts;
    this.schemas = schemas;
    this.providers = providers;
    this.caller = caller;
  }

  @POST
  @RunOnVirtualThread
  public Map<String, Object> extract(ExtractRequest request) {
    Require.present(request, "body");
    List<String> warnings = new ArrayList<>();
    List<String> urls;
    String field;
    if (request.url() != null || request.urls() == null) {
      urls = List.of(Require.text(request.url(), "url"));
      field = "url";
    } else {
      urls = ExtractWire.urls(request.urls(), "urls", warnings);
      field = "urls";
    }
    JsonNode schema = ChangeTrackingWire.present(request.schema());
    if (schema != null) {
      schemas.requireSchema(schema, "schema");
    }
    Require.that(
        schema != null || (request.prompt() != null && !request.prompt().isBlank()),
        "schema",
        "an extract needs a schema or a prompt");
    LlmCredentials llm =
        providers.check(
            new LlmCredentials(request.llmApiKey(), request.llmProvider(), request.llmModel()));
    ExtractService.Outcome outcome =
        extracts.extract(
            caller.get(),
            urls,
            new JsonSpec(schema, request.prompt(), request.systemPrompt()),
            llm,
            ScrapeSpec.markdown(),
            field);
    warnings.addAll(outcome.warnings());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", true);
    body.put("data", outcome.data());
    if (!outcome.unfilled().isEmpty()) {
      body.put("unfilledFields", outcome.unfilled());
    }
    if (!warnings.isEmpty()) {
      body.put("warning", String.join(" ", warnings));
    }
    return body;
  }
}
