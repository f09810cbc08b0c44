package dev.orbweaver.extract.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Element;

/**
 * {@code event}: name, description, start_date, end_date, location {name, address}, organizer,
 * status, attendance_mode, offers [{name, price, currency, availability, url}], performers, image,
 * url, source. From a schema.org Event (any subtype), else the h1 and the page's {@code <time>}
 * elements.
 */
final class EventProfile {
  private EventProfile() {}

  static boolean isEvent(String type) {
    return type.endsWith("Event") || type.equals("Festival");
  }

  static ObjectNode read(Facts facts) {
    ObjectNode event = facts.first(EventProfile::isEvent);
    if (event == null) {
      List<String> times = new ArrayList<>();
      for (Element time : facts.document().body().select("time[datetime]")) {
        times.add(time.attr("datetime").strip());
      }
      return new Shape(Profile.EVENT)
          .text("name", PageStructure.heading(facts.document()))
          .text("description", facts.metadata().description())
          .text("start_date", times.isEmpty() ? null : times.get(0))
          .text("end_date", times.size() < 2 ? null : times.get(times.size() - 1))
          .object("location", null)
          .text("organizer", null)
          .text("status", null)
          .text("attendance_mode", null)
          .array("offers", Shape.arrayNode())
          .texts("performers", List.of())
          .text("image", facts.metadata().og().get("image"))
          .text("url", ProductProfile.url(facts, null))
          .text("source", times.isEmpty() ? null : "page")
          .build();
    }
    JsonNode place = event.path("location");
    if (place.isArray()) {
      place = place.path(0);
    }
    ObjectNode location = null;
    if (!place.isMissingNode()) {
      location = Shape.objectNode();
      location.put("name", place.isObject() ? Values.text(place.get("name")) : Values.text(place));
      location.put("address", address(place.path("address")));
    }
    ArrayNode offers = Shape.arrayNode();
    JsonNode declared = event.path("offers");
    for (JsonNode offer : declared.isArray() ? declared : List.of(declared)) {
      if (!offer.isObject()) {
        continue;
      }
      ObjectNode entry = offers.addObject();
      entry.put("name", Values.text(offer.get("name")));
      entry.put(
          "price", Values.number(Values.firstText(offer.get("price"), offer.get("lowPrice"))));
      entry.put("currency", Values.text(offer.get("priceCurrency")));
      entry.put("availability", Values.enumName(Values.text(offer.get("availability"))));
      String url = Values.text(offer.get("url"));
      entry.put("url", url == null ? null : facts.resolver().resolve(url));
    }
    List<String> images = Values.images(event.get("image"), facts.resolver());
    return new Shape(Profile.EVENT)
        .text("name", Values.text(event.get("name")))
        .text("description", Values.text(event.get("description")))
        .text("start_date", Values.text(event.get("startDate")))
        .text("end_date", Values.text(event.get("endDate")))
        .object("location", location)
        .text("organizer", Values.text(event.get("organizer")))
        .text("status", Values.enumName(Values.text(event.get("eventStatus"))))
        .text("attendance_mode", Values.enumName(Values.text(event.get("eventAttendanceMode"))))
        .array("offers", offers)
        .texts("performers", Values.texts(event.get("performer")))
        .text("image", images.isEmpty() ? facts.metadata().og().get("image") : images.get(0))
        .text("url", ProductProfile.url(facts, Values.text(event.get("url"))))
        .text("source", facts.sourceOf(event))
        .build();
  }

  /** A PostalAddress as one line, or the address text as given. */
  private static String address(JsonNode address) {
    if (address.isMissingNode() || address.isNull()) {
      return null;
    }
    if (!address.isObject()) {
      return Values.text(address);
    }
    List<String> parts = new ArrayList<>();
    for (String field :
        List.of(
            "streetAddress", "postalCode", "addressLocality", "addressRegion", "addressCountry")) {
      String part = Values.text(address.get(field));
      if (part != null) {
        parts.add(part);
      }
    }
    return parts.isEmpty() ? null : String.join(", ", parts);
  }
}
