package dev.orbweaver.common.error;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The four wire formats Orbweaver speaks, plus its own internal one. Each keeps its error envelope
 * and status codes, also for errors the gateway raises on its behalf.
 */
public enum Dialect {
  /** CrawlGraph: {@code {"error": code, "message", "request_id"}}. */
  CRAWLGRAPH {
    @Override
    public String code(ErrorKind kind) {
      return switch (kind) {
        case AUTH_MISSING -> "auth_missing";
        case AUTH_INVALID -> "auth_invalid";
        case FORBIDDEN -> "forbidden";
        case VALIDATION -> "validation_error";
        case NOT_FOUND -> "not_found";
        case CONFLICT -> "conflict";
        case INSUFFICIENT_CREDITS -> "insufficient_credits";
        case QUOTA_EXCEEDED -> "quota_exceeded";
        case RATE_LIMITED -> "rate_limited";
        case CONCURRENCY_LIMIT -> "concurrency_limit";
        case DISABLED -> "disabled";
        case BAD_GATEWAY -> "bad_gateway";
        case UNAVAILABLE -> "service_unavailable";
        case INTERNAL -> "internal_error";
      };
    }

    @Override
    public ObjectNode body(ErrorKind kind, String message, String requestId) {
      ObjectNode body = JSON.objectNode();
      body.put("error", code(kind));
      body.put("message", message);
      body.put("request_id", requestId);
      return body;
    }
  },

  /** crawlcrawl: {@code {"error": {"code", "message"}}}. */
  CRAWLCRAWL {
    @Override
    public String code(ErrorKind kind) {
      return switch (kind) {
        case AUTH_MISSING, AUTH_INVALID -> "unauthorized";
        case FORBIDDEN -> "forbidden";
        case VALIDATION -> "invalid_input";
        case NOT_FOUND -> "not_found";
        case CONFLICT -> "conflict";
        case INSUFFICIENT_CREDITS -> "insufficient_credits";
        case QUOTA_EXCEEDED, RATE_LIMITED, CONCURRENCY_LIMIT -> "too_many_requests";
        case DISABLED -> "disabled";
        case BAD_GATEWAY, UNAVAILABLE -> "unavailable";
        case INTERNAL -> "internal";
      };
    }

    @Override
    public ObjectNode body(ErrorKind kind, String message, String requestId) {
      ObjectNode error = JSON.objectNode();
      error.put("code", code(kind));
      error.put("message", message);
      ObjectNode body = JSON.objectNode();
      body.set("error", error);
      return body;
    }
  },

  /** AlterLab: FastAPI-style {@code {"detail": message, "error": code}}. */
  ALTERLAB {
    @Override
    public String code(ErrorKind kind) {
      return switch (kind) {
        case AUTH_MISSING, AUTH_INVALID -> "unauthorized";
        case FORBIDDEN -> "forbidden";
        case VALIDATION -> "validation_error";
        case NOT_FOUND -> "not_found";
        case CONFLICT -> "conflict";
        case INSUFFICIENT_CREDITS -> "insufficient_credits";
        case QUOTA_EXCEEDED -> "quota_exceeded";
        case RATE_LIMITED -> "rate_limited";
        case CONCURRENCY_LIMIT -> "concurrent_limit";
        case DISABLED -> "disabled";
        case BAD_GATEWAY -> "bad_gateway";
        case UNAVAILABLE -> "queue_full";
        case INTERNAL -> "internal_error";
      };
    }

    @Override
    public ObjectNode body(ErrorKind kind, String message, String requestId) {
      ObjectNode body = JSON.objectNode();
      body.put("detail", message);
      body.put("error", code(kind));
      body.put("request_id", requestId);
      return body;
    }
  },

  /** Firecrawl and CRW: {@code {"success": false, "error": code, "message"}}. */
  FIRECRAWL {
    @Override
    public String code(ErrorKind kind) {
      return switch (kind) {
        case AUTH_MISSING, AUTH_INVALID -> "unauthorized";
        case FORBIDDEN -> "forbidden";
        case VALIDATION -> "bad_request";
        case NOT_FOUND -> "not_found";
        case CONFLICT -> "conflict";
        case INSUFFICIENT_CREDITS -> "insufficient_credits";
        case QUOTA_EXCEEDED -> "quota_exceeded";
        case RATE_LIMITED, CONCURRENCY_LIMIT -> "rate_limited";
        case DISABLED -> "disabled";
        case BAD_GATEWAY -> "bad_gateway";
        case UNAVAILABLE -> "service_unavailable";
        case INTERNAL -> "internal_error";
      };
    }

    @Override
    public ObjectNode body(ErrorKind kind, String message, String requestId) {
      ObjectNode body = JSON.objectNode();
      body.put("success", false);
      body.put("error", code(kind));
      body.put("message", message);
      return body;
    }
  },

  /**
   * Orbweaver's own internal and admin APIs: CrawlGraph's shape, which names code, message and
   * request.
   */
  INTERNAL {
    @Override
    public String code(ErrorKind kind) {
      return CRAWLGRAPH.code(kind);
    }

    @Override
    public ObjectNode body(ErrorKind kind, String message, String requestId) {
      return CRAWLGRAPH.body(kind, message, requestId);
    }
  };

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /**
   * The header on which the gateway names the dialect of a forwarded call's route, so that a
   * service answers in it also when no resource method matched (an unknown path below a route, a
   * method or media type the resource does not take).
   */
  public static final String HEADER = "X-Orbweaver-Dialect";

  /** The dialect's machine-readable code for a kind. */
  public abstract String code(ErrorKind kind);

  /** The dialect's error body for a kind. */
  public abstract ObjectNode body(ErrorKind kind, String message, String requestId);

  /** The dialect's body for an error that carries a custom code (e.g. {@code search_disabled}). */
  public JsonNode body(ApiException error, String requestId) {
    ObjectNode body = body(error.kind(), error.getMessage(), requestId);
    if (error.code() != null) {
      switch (this) {
        case CRAWLCRAWL -> ((ObjectNode) body.get("error")).put("code", error.code());
        default -> body.put("error", error.code());
      }
    }
    error.details().forEach(body::set);
    return body;
  }

  /** The HTTP status every dialect uses for a kind; the seeds agree on these. */
  public int status(ErrorKind kind) {
    return switch (kind) {
      case AUTH_MISSING, AUTH_INVALID -> 401;
      case FORBIDDEN -> 403;
      case VALIDATION -> 400;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case INSUFFICIENT_CREDITS -> 402;
      case QUOTA_EXCEEDED, RATE_LIMITED, CONCURRENCY_LIMIT -> 429;
      case DISABLED, UNAVAILABLE -> 503;
      case BAD_GATEWAY -> 502;
      case INTERNAL -> 500;
    };
  }

  /** Parses a configuration name such as {@code crawlgraph} or {@code FIRECRAWL}. */
  public static Dialect of(String name) {
    return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
  }

  /** The dialect a header names, or empty for a missing or unknown name. */
  public static java.util.Optional<Dialect> named(String name) {
    if (name == null) {
      return java.util.Optional.empty();
    }
    for (Dialect dialect : values()) {
      if (dialect.name().equalsIgnoreCase(name.trim())) {
        return java.util.Optional.of(dialect);
      }
    }
    return java.util.Optional.empty();
  }

  /** How {@link #HEADER} spells this dialect. */
  public String headerValue() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
