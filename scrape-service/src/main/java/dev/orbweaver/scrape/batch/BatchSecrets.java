package dev.orbweaver.scrape.batch;

import dev.orbweaver.scrape.llm.LlmCredentials;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * LLM keys callers brought with a batch job. A job is stored, a key never is: it lives here, in the
 * memory of the replica that accepted the job, until the job ends. Pages another replica scrapes,
 * or this one after a restart, run without it and say so.
 */
@ApplicationScoped
public class BatchSecrets {
  private final Map<UUID, LlmCredentials> keys = new ConcurrentHashMap<>();

  public void hold(UUID job, LlmCredentials credentials) {
    if (!credentials.isEmpty()) {
      keys.put(job, credentials);
    }
  }

  /** The job's credentials, or null when this replica does not hold them. */
  public LlmCredentials of(UUID job) {
    return keys.get(job);
  }

  public void forget(UUID job) {
    keys.remove(job);
  }
}
