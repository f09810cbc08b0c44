package dev.orbweaver.graph.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a committed release is: its id and label, the day it was published (which orders releases:
 * the latest is the newest), what it holds, and the size of every file, checked when a replica
 * opens it.
 */
public record ReleaseManifest(
    @JsonProperty("format") int format,
    @JsonProperty("release_id") String releaseId,
    @JsonProperty("label") String label,
    @JsonProperty("release_date") LocalDate releaseDate,
    @JsonProperty("ingested_at") Instant ingestedAt,
    @JsonProperty("vertices") int vertices,
    @JsonProperty("edges") long edges,
    @JsonProperty("ranked_vertices") int rankedVertices,
    @JsonProperty("last_harmonic_position") int lastHarmonicPosition,
    @JsonProperty("sources") Map<String, String> sources,
    @JsonProperty("compression") Map<String, Integer> compression,
    @JsonProperty("files") Map<String, Long> files) {

  public static final int FORMAT = 1;

  /** Ids name directories and appear in URLs: keep them to a safe alphabet. */
  public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(SerializationFeature.INDENT_OUTPUT);

  public ReleaseManifest {
    sources = Map.copyOf(sources);
    compression = Map.copyOf(compression);
    files = Map.copyOf(files);
  }

  public static ReleaseManifest read(Path file) throws IOException {
    return JSON.readValue(file.toFile(), ReleaseManifest.class);
  }

  public byte[] toJson() throws IOException {
    return JSON.writeValueAsBytes(this);
  }

  /** Total bytes of the release's files. */
  public long bytes() {
    return files.values().stream().mapToLong(Long::longValue).sum();
  }
}
