package dev.orbweaver.extract.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code job_posting}: title, company, location, remote, employment_types, salary {min, max,
 * currency, unit}, date_posted, valid_through, description, apply_url, url, source. From a
 * schema.org JobPosting, else the page's h1, labelled fields and its main text.
 */
final class JobPostingProfile {
  private static final Pattern REMOTE =
      Pattern.compile("(?i)\\bremote\\b|\\bhome office\\b|telecommute");

  private JobPostingProfile() {}

  static ObjectNode read(Facts facts) {
    ObjectNode job = facts.first(type -> type.equals("JobPosting"));
    if (job == null) {
      String location =
          PageStructure.labelled(facts.document(), List.of("location", "job location", "standort"));
      return new Shape(Profile.JOB_POSTING)
          .text("title", PageStructure.heading(facts.document()))
          .text(
              "company",
              PageStructure.labelled(
                  facts.document(), List.of("company", "employer", "hiring organization")))
          .text("location", location)
          .bool("remote", location == null ? null : REMOTE.matcher(location).find())
          .texts("employment_types", List.of())
          .object("salary", null)
          .text("date_posted", null)
          .text("valid_through", null)
          .text("description", facts.mainText().get())
          .text("apply_url", null)
          .text("url", ProductProfile.url(facts, null))
          .text("source", "page")
          .build();
    }
    JsonNode place = job.path("jobLocation");
    if (place.isArray()) {
      place = place.path(0);
    }
    JsonNode address = place.path("address");
    List<String> parts = new ArrayList<>();
    for (String field : List.of("addressLocality", "addressRegion", "addressCountry")) {
      String part = Values.text(address.get(field));
      if (part != null) {
        parts.add(part);
      }
    }
    String location = parts.isEmpty() ? Values.text(place.get("name")) : String.join(", ", parts);
    boolean remote = "TELECOMMUTE".equalsIgnoreCase(Values.text(job.get("jobLocationType")));
    return new Shape(Profile.JOB_POSTING)
        .text("title", Values.firstText(job.get("title"), job.get("name")))
        .text("company", Values.text(job.get("hiringOrganization")))
        .text("location", location)
        .bool("remote", remote)
        .texts("employment_types", Values.texts(job.get("employmentType")))
        .object("salary", salary(job.path("baseSalary")))
        .text("date_posted", Values.text(job.get("datePosted")))
        .text("valid_through", Values.text(job.get("validThrough")))
        .text("description", Values.text(job.get("description")))
        .text("apply_url", applyUrl(facts))
        .text("url", ProductProfile.url(facts, Values.text(job.get("url"))))
        .text("source", facts.sourceOf(job))
        .build();
  }

  private static ObjectNode salary(JsonNode amount) {
    if (amount.isMissingNode() || amount.isNull()) {
      return null;
    }
    JsonNode value = amount.path("value");
    ObjectNode salary = Shape.objectNode();
    var min =
        Values.number(
            Values.firstText(
                value.get("minValue"), value.get("value"), value.isValueNode() ? value : null));
    var max =
        Values.number(
            Values.firstText(
                value.get("maxValue"), value.get("value"), value.isValueNode() ? value : null));
    salary.put("min", min);
    salary.put("max", max);
    salary.put("currency", Values.text(amount.get("currency")));
    salary.put("unit", Values.text(value.get("unitText")));
    return salary;
  }

  private static String applyUrl(Facts facts) {
    var link =
        facts.document().body().selectFirst("a[href][class*=apply], a[href]:containsOwn(apply)");
    return link == null ? null : facts.resolver().resolve(link.attr("href"));
  }
}
