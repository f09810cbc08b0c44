package dev.orbweaver.scrape.api.v2;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orbweaver.common.error.Dialect;
import dev.orbweaver.common.principal.CurrentPrincipal;
import dev.orbweaver.common.web.SpeaksDialect;
import dev.orbweaver.scrape.api.ChangeTrackingWire;
import dev.orbweaver.scrape.api.ExtractWire;
import dev.orbweaver.scrape.api.ScrapeOptionsReader;
import dev.orbweaver.scrape.api.ScrapeOptionsReader.Formats;
import dev.orbweaver.scrape.api.v2.V2Requests.ExtractRequest;
import dev.orbweaver.scrape.extract.ExtractService;
import dev.orbweaver.scrape.extract.SchemaValidator;
import dev.orbweaver.scrape.llm.LlmCredentials;
import dev.orbweaver.scrape.llm.LlmProviders;
import dev.orbweaver.scrape.scrape.Format;
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
import java.util.Set;

/**
 * {@code POST /v2/extract}, answered at once: {@code {success, status: "completed", data}} with no
 * job id, which the Firecrawl SDK's {@code extract()} returns as it is (it polls only when given an
 * id). The gateway meters every method of this route, so a pollable job would charge each poll.
 */
@Path("/v2/extract")
@SpeaksDialect(Dialect.FIRECRAWL)
@RolesAllowed("user")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ExtractV2Resource {
  private final ExtractService extracts;
  private final SchemaValidator schemas;
  private final LlmProviders providers;
  private final ScrapeOptionsReader options;
  private final CurrentPrincipal caller;

  @Inject
  public ExtractV2Resource(
      ExtractService extracts,
      SchemaValidator schemas,
      LlmProviders providers,
      ScrapeOptionsReader options,
      CurrentPrincipal caller) {
    this.extracts = extracts;
    this.schemas = schemas;
    this.providers = providers;
    this.options = options;
    this.caller = caller;
  }

  @POST
  @RunOnVirtualThread
  public Map<String, Object> extract(ExtractRequest request) {
    Require.present(request, "body");
    List<String> warnings = new ArrayList<>();
    List<String> urls = ExtractWire.urls(request.urls(), "urls", warnings);
    JsonNode schema = ChangeTrackingWire.present(request.schema());
    if (schema != null) {
      schemas.requireSchema(schema, "schema");
    }
    Require.that(
        schema != null || (request.prompt() != null && !request.prompt().isBlank()),
        "schema",
        "an extract needs a schema or a prompt");
    if (Boolean.TRUE.equals(request.enableWebSearch())) {
      warnings.add("enableWebSearch is not supported: only the given URLs were read.");
    }
    if (Boolean.TRUE.equals(request.allowExternalLinks())) {
      warnings.add("allowExternalLinks is not supported: only the given URLs were read.");
    }
    LlmCredentials llm =
        providers.check(
            new LlmCredentials(request.llmApiKey(), request.llmProvider(), request.llmModel()));
    ScrapeSpec base =
        request.scrapeOptions() == null
            ? ScrapeSpec.markdown()
            : options.read(
                request.scrapeOptions(),
                new Formats(Set.of(Format.MARKDOWN), null, null, null, List.of()),
                "scrapeOptions.");
    ExtractService.Outcome outcome =
        extracts.extract(
            caller.get(),
            urls,
            new JsonSpec(schema, request.prompt(), request.systemPrompt()),
            llm,
            base,
            "urls");
    warnings.addAll(outcome.warnings());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", true);
    body.put("status", "completed");
    body.put("data", outcome.data());
    if (Boolean.TRUE.equals(request.showSources())) {
      body.put("sources", outcome.sources());
    }
    if (!warnings.isEmpty()) {
      body.put("warning", String.join(" ", warnings));
      body.put("warnings", warnings);
    }
    return body;
  }
}
