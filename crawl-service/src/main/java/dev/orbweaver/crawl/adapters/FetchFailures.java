package dev.orbweaver.crawl.adapters;

import dev.orbweaver.fetch.http.FetchException;
import java.net.URI;
import java.util.Locale;

/**
 * A failed fetch in the words a crawl's errors use: the reason, without libs/fetch's code prefix
 * (the error's kind carries it), and naming the usual suspects plainly: connection refused, a host
 * name that does not resolve, a timeout.
 */
final class FetchFailures {
  private FetchFailures() {}

  /** The reason and the URL it happened on, e.g. "connection refused (http://h:1/)". */
  static String describe(FetchException e) {
    return reason(e) + " (" + e.url() + ")";
  }

  static String reason(FetchException e) {
    return switch (e.kind()) {
      case DNS -> "DNS lookup failed: " + host(e.url()) + " does not resolve";
      case CONNECT -> refused(e) ? "connection refused" : detail(e);
      case TIMEOUT -> "timeout: " + detail(e);
      default -> detail(e);
    };
  }

  /** The message libs/fetch gave, without its "kind: " prefix and " (url)" suffix. */
  private static String detail(FetchException e) {
    String message = String.valueOf(e.getMessage());
    String prefix = e.kind().code() + ": ";
    String suffix = " (" + e.url() + ")";
    if (message.startsWith(prefix)) {
      message = message.substring(prefix.length());
    }
    if (message.endsWith(suffix)) {
      message = message.substring(0, message.length() - suffix.length());
    }
    return message;
  }

  private static boolean refused(FetchException e) {
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof java.net.ConnectException
          && String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT).contains("refused")) {
        return true;
      }
    }
    return false;
  }

  private static String host(String url) {
    try {
      String host = URI.create(url).getHost();
      return host == null ? url : host;
    } catch (IllegalArgumentException e) {
      return url;
    }
  }
}
