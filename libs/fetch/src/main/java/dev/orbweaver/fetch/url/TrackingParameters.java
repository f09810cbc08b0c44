package dev.orbweaver.fetch.url;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Strips query parameters that only say where a click came from (campaign tags, ad click ids,
 * mail-tool ids), so that one page reached from many campaigns is one URL. Other parameters keep
 * their order and their exact encoding.
 */
public final class TrackingParameters {

  private static final List<String> PREFIXES = List.of("utm_", "__hs", "_hs", "pk_", "mtm_");

  private static final Set<String> NAMES =
      Set.of(
          "gclid",
          "gclsrc",
          "dclid",
          "gbraid",
          "wbraid",
          "gad_source",
          "gad_campaignid",
          "fbclid",
          "msclkid",
          "mc_cid",
          "mc_eid",
          "yclid",
          "ysclid",
          "twclid",
          "ttclid",
          "li_fat_id",
          "igshid",
          "igsh",
          "epik",
          "_ga",
          "_gl",
          "_ke",
          "mkt_tok",
          "vero_id",
          "vero_conv",
          "oly_enc_id",
          "oly_anon_id",
          "wickedid",
          "rb_clickid",
          "s_cid",
          "hsctatracking",
          "ref_src",
          "ref_url",
          "srsltid",
          "sc_cid",
          "ncid",
          "cmpid",
          "trk",
          "trkcampaign",
          "spm",
          "scm");

  private TrackingParameters() {}

  /** The URL without tracking parameters; URLs without a query come back unchanged. */
  public static String strip(String url) {
    int question = url.indexOf('?');
    if (question < 0) {
      return url;
    }
    int hash = url.indexOf('#', question);
    String query = hash < 0 ? url.substring(question + 1) : url.substring(question + 1, hash);
    String fragment = hash < 0 ? "" : url.substring(hash);
    List<String> kept = new ArrayList<>();
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      if (!isTracking(name)) {
        kept.add(pair);
      }
    }
    String base = url.substring(0, question);
    return (kept.isEmpty() ? base : base + "?" + String.join("&", kept)) + fragment;
  }

  /** True for a parameter name (raw or percent-encoded) that only tracks. */
  public static boolean isTracking(String name) {
    String decoded;
    try {
      decoded = URLDecoder.decode(name, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      decoded = name;
    }
    String lower = decoded.toLowerCase(Locale.ROOT);
    return NAMES.contains(lower) || PREFIXES.stream().anyMatch(lower::startsWith);
  }
}
