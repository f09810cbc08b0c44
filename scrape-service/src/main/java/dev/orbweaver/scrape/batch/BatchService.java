package dev.orbweaver.scrape.batch;

import dev.orbweaver.common.error.ApiException;
import dev.orbweaver.common.principal.Principal;
import dev.orbweaver.scrape.config.ScrapeConfig;
import dev.orbweaver.scrape.fetch.FetchClients;
import dev.orbweaver.scrape.llm.LlmCredentials;
import dev.orbweaver.scrape.scrape.ScrapeSpec;
import dev.orbweaver.scrape.scrape.ScrapedPage;
import dev.orbweaver.scrape.web.Require;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Starting, reading and cancelling batch scrape jobs for their owning account. */
@ApplicationScoped
public class BatchService {
  private final BatchRepository repository;
  private final BatchRunner runner;
  private final BatchSecrets secrets;
  private final FetchClients fetch;
  private final ScrapeConfig.Batch config;

  @Inject
  public BatchService(
      BatchRepository repository,
      BatchRunner runner,
      BatchSecrets secrets,
      FetchClients fetch,
      ScrapeConfig config) {
    this.repository = repository;
    this.runner = runner;
    this.secrets = secrets;
    this.fetch = fetch;
    this.config = config.batch();
  }

  /** A status page: the job, its progress and one page of its documents. */
  public record Status(
      BatchJob job, BatchJob.Progress progress, List<ScrapedPage> documents, Integer nextSkip) {}

  /**
   * Queues a job.
   *
   * @param ignoreInvalid leave out URLs that are not absolute http(s) URLs (and report them)
   *     instead of refusing the request
   */
  public BatchJob start(
      Principal caller,
      String dialect,
      List<String> given,
      boolean ignoreInvalid,
      ScrapeSpec spec,
      LlmCredentials llm,
      String idempotencyKey) {
    List<String> urls = Require.strings(given, "urls");
    Require.that(!urls.isEmpty(), "urls", "must hold at least one URL");
    Require.that(
        urls.size() <= config.maxUrls(), "urls", "holds at most " + config.maxUrls() + " URLs");
    List<String> valid = new ArrayList<>();
    List<String> invalid = new ArrayList<>();
    for (int i = 0; i < urls.size(); i++) {
      String url = urls.get(i).strip();
      if (fetch.normalizer().normalize(url).isPresent()) {
        valid.add(url);
      } else if (ignoreInvalid) {
        invalid.add(urls.get(i));
      } else {
        throw Require.invalid("urls[" + i + "]", "must be an absolute http or https URL");
      }
    }
    Require.that(!valid.isEmpty(), "urls", "holds no valid URL");
    List<String> warnings = new ArrayList<>(spec.notices());
    if (!llm.isEmpty()) {
      warnings.add(
          "The LLM key is held only in the memory of the replica that accepted the job, never"
              + " stored: pages scraped after a restart use the server's LLM or the page data.");
    }
    Instant now = Instant.now();
    BatchJob job =
        repository.create(
            new BatchJob(
                UUID.randomUUID(),
                caller.accountId(),
                caller.projectId(),
                dialect,
                "scraping",
                spec,
                valid.size(),
                invalid,
                warnings,
                now,
                null,
                now.plus(config.retention())),
            valid,
            idempotencyKey);
    secrets.hold(job.id(), llm);
    runner.wake();
    return job;
  }

  public Status status(Principal caller, String id, int skip) {
    BatchJob job = find(caller, id);
    BatchJob.Progress progress = repository.progress(job.id());
    int pageSize = config.pageSize();
    List<ScrapedPage> documents = repository.documents(job.id(), skip, pageSize);
    Integer next = skip + pageSize < progress.succeeded() ? skip + pageSize : null;
    return new Status(job, progress, documents, next);
  }

  public List<BatchJob.Failure> failures(Principal caller, String id) {
    return repository.failures(find(caller, id).id());
  }

  /** Cancels a running job; a finished one stays as it ended. */
  public BatchJob cancel(Principal caller, String id) {
    BatchJob job = find(caller, id);
    if (repository.cancel(caller.accountId(), job.id())) {
      secrets.forget(job.id());
    }
    return find(caller, id);
  }

  private BatchJob find(Principal caller, String id) {
    UUID uuid;
    try {
      uuid = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw ApiException.notFound("No batch scrape job " + id + ".");
    }
    return repository
        .find(caller.accountId(), uuid)
        .orElseThrow(() -> ApiException.notFound("No batch scrape job " + id + "."));
  }
}
