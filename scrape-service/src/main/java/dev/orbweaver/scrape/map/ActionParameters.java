package dev.orbweaver.scrape.map;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Query parameters that make a link do something rather than show a page: shop carts and wishlists
 * (WooCommerce, Magento), WordPress nonces and comment replies, anti-CSRF tokens. A map that lists
 * them invites a crawler to fill carts and spend nonces, so such URLs are left out.
 */
final class ActionParameters {
  private static final Set<String> NAMES =
      Set.of(
          "add-to-cart",
          "add_to_cart",
          "remove_item",
          "undo_item",
          "removed_item",
          "wc-ajax",
          "wc-api",
          "pay_for_order",
          "apply_coupon",
          "remove_coupon",
          "order_again",
          "delete_payment_method",
          "add_to_wishlist",
          "remove_from_wishlist",
          "yith_wcwl_action",
          "_wpnonce",
          "_wp_http_referer",
          "replytocom",
          "unapproved",
          "moderation-hash",
          "doing_wp_cron",
          "customize_changeset_uuid",
          "preview_id",
          "preview_nonce",
          "isajax",
          "form_key",
          "nonce",
          "csrf",
          "csrf_token",
          "authenticity_token");

  private ActionParameters() {}

  /** True when any parameter of the URL's query is an action parameter. */
  static boolean isAction(String url) {
    int question = url.indexOf('?');
    if (question < 0) {
      return false;
    }
    int hash = url.indexOf('#', question);
    String query = hash < 0 ? url.substring(question + 1) : url.substring(question + 1, hash);
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String decoded;
      try {
        decoded = URLDecoder.decode(name, StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        decoded = name;
      }
      if (NAMES.contains(decoded.toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }
}
