package dev.orbweaver.storage.gcs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orbweaver.fetch.guard.InetAddresses;
import dev.orbweaver.storage.Egress;
import dev.orbweaver.storage.ObjectKeys;
import dev.orbweaver.storage.ObjectStore;
import dev.orbweaver.storage.ObjectStoreException;
import dev.orbweaver.storage.ObjectStoreException.Kind;
import dev.orbweaver.storage.ObjectSummary;
import dev.orbweaver.storage.ObjectUpload;
import dev.orbweaver.storage.PartwiseUpload;
import dev.orbweaver.storage.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.Proxy;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import okio.Okio;

/**
 * An {@link ObjectStore} on Google Cloud Storage through its JSON API, written against the protocol
 * (OkHttp, no Google SDK): a service account's signed JWT buys an OAuth token ({@link
 * GcsAccessTokens}), objects go up with {@code uploadType=media} or, past one part, a resumable
 * upload in 256 KiB-aligned chunks, and presigned GETs are V4 signed URLs. Every connection, the
 * token endpoint's included, goes where {@link Egress} says.
 */
public final class GcsObjectStore implements ObjectStore {

  /** GCS wants every chunk of a resumable upload but the last to be a multiple of this. */
  public static final int CHUNK_ALIGNMENT = 256 * 1024;

  private static final int DEFAULT_PART_SIZE = 32 * CHUNK_ALIGNMENT;
  private static final int PERMANENT_REDIRECT_RESUME = 308;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final GcsSettings settings;
  private final int partSize;
  private final Clock clock;
  private final OkHttpClient http;
  private final GcsErrors errors = new GcsErrors();
  private final GcsAccessTokens tokens;

  public GcsObjectStore(GcsSettings settings, Egress egress) {
    this(settings, egress, DEFAULT_PART_SIZE, Clock.systemUTC());
  }

  /**
   * @param partSize bytes per resumable-upload chunk, a multiple of {@link #CHUNK_ALIGNMENT}
   */
  public GcsObjectStore(GcsSettings settings, Egress egress, int partSize, Clock clock) {
    if (partSize <= 0 || partSize % CHUNK_ALIGNMENT != 0) {
      throw new IllegalArgumentException("a GCS chunk is a multiple of " + CHUNK_ALIGNMENT);
    }
    this.settings = settings;
    this.partSize = partSize;
    this.clock = clock;
    this.http =
        new OkHttpClient.Builder()
            .dns(egress::resolve)
            // OkHttp connects to a literal address without asking the Dns hook: vet it here.
            .addInterceptor(
                chain -> {
                  String host = chain.request().url().host();
                  if (isLiteral(host)) {
                    egress.resolve(host);
                  }
                  return chain.proceed(chain.request());
                })
            .proxy(Proxy.NO_PROXY)
            .followRedirects(false)
            .followSslRedirects(false)
            .connectTimeout(settings.connectTimeout())
            .readTimeout(settings.callTimeout())
            .writeTimeout(settings.callTimeout())
            .callTimeout(settings.callTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .build();
    this.tokens = new GcsAccessTokens(settings.serviceAccount(), http, clock, errors);
  }

  @Override
  public void put(String key, byte[] content, String contentType) {
    ObjectKeys.requireKey(key);
    upload(key, RequestBody.create(content, mediaType(contentType)));
  }

  @Override
  public void put(String key, InputStream content, long length, String contentType) {
    ObjectKeys.requireKey(key);
    MediaType type = mediaType(contentType);
    upload(
        key,
        new RequestBody() {
          @Override
          public MediaType contentType() {
            return type;
          }

          @Override
          public long contentLength() {
            return length;
          }

          @Override
          public void writeTo(BufferedSink sink) throws IOException {
            sink.write(Okio.source(content), length);
          }
        });
  }

  private void upload(String key, RequestBody body) {
    HttpUrl url =
        api("upload", "storage", "v1", "b", settings.bucket(), "o")
            .addQueryParameter("uploadType", "media")
            .addQueryParameter("name", key)
            .build();
    execute(authorized(url).post(body).build(), "uploading " + key).close();
  }

  @Override
  public ObjectUpload openUpload(String key, String contentType) {
    ObjectKeys.requireKey(key);
    return new ResumableUpload(key, contentType);
  }

  @Override
  public Optional<StoredObject> get(String key) {
    ObjectKeys.requireKey(key);
    try (Response response = execute(media(key), "reading " + key)) {
      String type = response.header("Content-Type");
      return Optional.of(new StoredObject(key, response.body().bytes(), type));
    } catch (ObjectStoreException e) {
      if (e.kind() == Kind.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    } catch (IOException e) {
      throw errors.io("reading " + key, e);
    }
  }

  @Override
  public InputStream open(String key) {
    ObjectKeys.requireKey(key);
    return execute(media(key), "reading " + key).body().byteStream();
  }

  private Request media(String key) {
    HttpUrl url =
        api("storage", "v1", "b", settings.bucket(), "o", key)
            .addQueryParameter("alt", "media")
            .build();
    return authorized(url).get().build();
  }

  @Override
  public void delete(String key) {
    ObjectKeys.requireKey(key);
    HttpUrl url = api("storage", "v1", "b", settings.bucket(), "o", key).build();
    try {
      execute(authorized(url).delete().build(), "deleting " + key).close();
    } catch (ObjectStoreException e) {
      if (e.kind() != Kind.NOT_FOUND) {
        throw e;
      }
    }
  }

  @Override
  public long deleteByPrefix(String prefix) {
    ObjectKeys.requireDeletablePrefix(prefix);
    long deleted = 0;
    // The JSON API deletes one object per call; its batch endpoint is a multipart/mixed protocol
    // of its own, not worth it for the sizes a crawl's output has.
    for (ObjectSummary summary : list(prefix)) {
      delete(summary.key());
      deleted++;
    }
    return deleted;
  }

  @Override
  public List<ObjectSummary> list(String prefix) {
    String checked = ObjectKeys.requirePrefix(prefix);
    List<ObjectSummary> summaries = new ArrayList<>();
    String pageToken = null;
    do {
      HttpUrl.Builder url =
          api("storage", "v1", "b", settings.bucket(), "o")
              .addQueryParameter("prefix", checked)
              .addQueryParameter("fields", "items(name,size,updated),nextPageToken");
      if (pageToken != null) {
        url.addQueryParameter("pageToken", pageToken);
      }
      try (Response response = execute(authorized(url.build()).get().build(), "listing")) {
        JsonNode page = JSON.readTree(response.body().string());
        for (JsonNode item : page.path("items")) {
          summaries.add(
              new ObjectSummary(
                  item.path("name").asText(),
                  item.path("size").asLong(),
                  item.hasNonNull("updated") ? Instant.parse(item.get("updated").asText()) : null));
        }
        pageToken = page.hasNonNull("nextPageToken") ? page.get("nextPageToken").asText() : null;
      } catch (IOException e) {
        throw errors.io("listing " + settings.bucket(), e);
      }
    } while (pageToken != null);
    return summaries;
  }

  @Override
  public URI presignedGet(String key, Duration expiry) {
    ObjectKeys.requireKey(key);
    ObjectKeys.requireExpiry(expiry);
    return GcsUrlSigner.sign(
        settings.serviceAccount(),
        settings.apiBase(),
        settings.bucket(),
        key,
        expiry,
        clock.instant());
  }

  @Override
  public String bucket() {
    return settings.bucket();
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  @Override
  public String toString() {
    return "GcsObjectStore[bucket=" + settings.bucket() + ", " + settings.serviceAccount() + "]";
  }

  private HttpUrl.Builder api(String... segments) {
    HttpUrl.Builder url = HttpUrl.get(settings.apiBase().toString()).newBuilder();
    for (String segment : segments) {
      url.addPathSegment(segment);
    }
    return url;
  }

  private Request.Builder authorized(HttpUrl url) {
    return new Request.Builder().url(url).header("Authorization", "Bearer " + tokens.token());
  }

  /** Runs a call; any non-2xx (but a resumable upload's 308) becomes the typed exception. */
  private Response execute(Request request, String what) {
    Response response;
    try {
      response = http.newCall(request).execute();
    } catch (IOException e) {
      throw errors.io(what, e);
    }
    if (response.isSuccessful() || response.code() == PERMANENT_REDIRECT_RESUME) {
      return response;
    }
    try (response) {
      if (response.code() == 401) {
        tokens.invalidate();
      }
      throw errors.apiError(response.code(), response.body().string());
    } catch (IOException e) {
      throw errors.io(what, e);
    }
  }

  private static MediaType mediaType(String contentType) {
    MediaType parsed = contentType == null ? null : MediaType.parse(contentType);
    return parsed == null ? MediaType.get("application/octet-stream") : parsed;
  }

  private static boolean isLiteral(String host) {
    try {
      return InetAddresses.parseUrlHost(host).isPresent();
    } catch (IllegalArgumentException e) {
      return true;
    }
  }

  /**
   * GCS's resumable upload: a session is opened, chunks are PUT to it with {@code Content-Range}
   * (the last one naming the total), and the object appears when the last chunk lands.
   */
  private final class ResumableUpload extends PartwiseUpload {
    private final String key;
    private final String contentType;
    private HttpUrl session;

    ResumableUpload(String key, String contentType) {
      super(partSize);
      this.key = key;
      this.contentType = contentType;
    }

    @Override
    protected void putWhole(byte[] content) {
      put(key, content, contentType);
    }

    @Override
    protected void sendPart(int number, long offset, byte[] part, boolean last) {
      if (session == null) {
        session = openSession();
      }
      long end = offset + part.length - 1;
      String range =
          part.length == 0
              ? "bytes */" + offset
              : "bytes " + offset + "-" + end + "/" + (last ? Long.toString(end + 1) : "*");
      Request request =
          authorized(session)
              .header("Content-Range", range)
              .put(RequestBody.create(part, null))
              .build();
      try (Response response = execute(request, "uploading " + key)) {
        boolean done = response.code() != PERMANENT_REDIRECT_RESUME;
        if (done != last) {
          throw new ObjectStoreException(
              Kind.STORE_ERROR,
              response.code(),
              "the resumable upload of " + key + " answered " + response.code() + " to a chunk");
        }
      }
    }

    @Override
    protected void finish(long totalSize) {
      // The last chunk named the total size; the object exists once it was accepted.
    }

    @Override
    protected void dropParts() {
      if (session != null) {
        try {
          http.newCall(new Request.Builder().url(session).delete().build()).execute().close();
        } catch (IOException e) {
          // An abandoned session expires on its own within a week.
        }
      }
    }

    private HttpUrl openSession() {
      HttpUrl url =
          api("upload", "storage", "v1", "b", settings.bucket(), "o")
              .addQueryParameter("uploadType", "resumable")
              .addQueryParameter("name", key)
              .build();
      Request request =
          authorized(url)
              .header("X-Upload-Content-Type", mediaType(contentType).toString())
              .post(RequestBody.create(new byte[0], MediaType.get("application/json")))
              .build();
      try (Response response = execute(request, "opening an upload of " + key)) {
        String location = response.header("Location");
        HttpUrl session = location == null ? null : HttpUrl.parse(location);
        HttpUrl base = HttpUrl.get(settings.apiBase().toString());
        // The session URL authorizes by itself; it must not take the bearer token elsewhere.
        if (session == null
            || !session.scheme().equals(base.scheme())
            || !session.host().equals(base.host())
            || session.port() != base.port()) {
          throw new ObjectStoreException(
              Kind.STORE_ERROR,
              response.code(),
              "the resumable upload of " + key + " answered without a session on " + base.host());
        }
        return session;
      }
    }
  }
}
