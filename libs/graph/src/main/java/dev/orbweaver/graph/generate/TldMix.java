package dev.orbweaver.graph.generate;

import java.util.SplittableRandom;

/**
 * Public suffixes in roughly the proportions of Common Crawl's domain graph: {@code .com} near
 * half, then the large country codes and the older generic ones, and a tail of newer generics.
 * Suffixes are written reversed, as in the graph's files.
 */
final class TldMix {
  private static final String[] SUFFIXES = {
    "com", "org", "net", "de", "uk.co", "uk.org", "ru", "nl", "br.com", "jp", "jp.co", "it", "fr",
    "au.com", "pl", "in", "in.co", "es", "ca", "ch", "cz", "info", "io", "eu", "se", "be", "at",
    "dk", "us", "xyz", "online", "site", "top", "shop", "cn", "kr.co", "mx.com", "ar.com", "tr.com",
    "ua.com", "gr", "hu", "ro", "sk", "fi", "no", "pt", "ie", "nz.co", "za.co", "biz", "me", "tv",
    "cc", "app", "dev", "edu", "gov", "store", "club", "co", "vn", "ir", "by", "kz", "cl", "id.co"
  };
  private static final double[] WEIGHTS = {
    44.0, 5.5, 4.5, 7.0, 2.5, 0.3, 3.0, 2.0, 1.5, 0.5, 0.5, 2.0, 2.0, 1.2, 1.5, 0.5, 0.3, 1.2, 1.0,
    0.8, 0.8, 1.0, 0.5, 0.5, 0.7, 0.7, 0.6, 0.6, 0.4, 0.6, 0.4, 0.3, 0.4, 0.3, 0.6, 0.3, 0.4, 0.3,
    0.3, 0.3, 0.3, 0.3, 0.4, 0.3, 0.3, 0.4, 0.3, 0.2, 0.2, 0.3, 0.3, 0.3, 0.2, 0.1, 0.1, 0.1, 0.2,
    0.05, 0.1, 0.1, 0.3, 0.3, 0.3, 0.2, 0.2, 0.2, 0.2
  };
  private static final double[] CUMULATIVE = cumulative();

  private TldMix() {}

  private static double[] cumulative() {
    double[] out = new double[WEIGHTS.length];
    double sum = 0;
    for (int i = 0; i < WEIGHTS.length; i++) {
      sum += WEIGHTS[i];
      out[i] = sum;
    }
    for (int i = 0; i < out.length; i++) {
      out[i] /= sum;
    }
    return out;
  }

  /** A reversed suffix such as {@code com} or {@code uk.co}. */
  static String pick(SplittableRandom random) {
    double u = random.nextDouble();
    int lo = 0;
    int hi = CUMULATIVE.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (CUMULATIVE[mid] < u) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return SUFFIXES[lo];
  }
}
