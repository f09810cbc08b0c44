package dev.orbweaver.extract.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orbweaver.extract.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The deterministic path of scrape's {@code json} format and /v1/extract, on fixture pages. */
class SchemaExtractorTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Page fixture(String name) throws Exception {
    Path directory = Path.of(SchemaExtractorTest.class.getResource("/pages").toURI());
    JsonNode expected = JSON.readTree(directory.resolve(name + ".json").toFile());
    return Page.parse(
        Files.readAllBytes(directory.resolve(name + ".html")),
        null,
        expected.get("url").asText(),
        200);
  }

  private static SchemaExtraction extract(String page, String schema) throws Exception {
    return fixture(page).extract(JSON.readTree(schema));
  }

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @Test
  void productFieldsComeFromJsonLdCoercedToTheSchemaTypes() throws Exception {
    SchemaExtraction result =
        extract(
            "product-jsonld",
            """
            {"type": "object", "properties": {
              "name": {"type": "string"}, "price": {"type": "number"}, "currency": {"type": "string"},
              "brand": {"type": "string"}, "in_stock": {"type": "boolean"},
              "rating": {"type": "number"}, "reviewCount": {"type": "integer"},
              "seller": {"type": "object", "properties": {"name": {"type": "string"}}}}}
            """);
    assertThat(JSON.readTree(result.data().toString()))
        .isEqualTo(
            json(
                """
                {"name": "Halden Trail 2 Waterproof Hiking Boot – Men's", "price": 129.00,
                 "currency": "GBP", "brand": "Halden", "in_stock": true, "rating": 4.6,
                 "reviewCount": 212, "seller": null}
                """));
    assertThat(result.missing()).containsExactly("seller");
  }

  @Test
  void anObjectNamedLikeThePagesMainItemGroupsPageWideValues() throws Exception {
    SchemaExtraction result =
        extract(
            "product-microdata",
            """
            {"type": "object", "properties": {"product": {"type": "object", "properties": {
              "name": {"type": "string"}, "price": {"type": "number"}, "gewicht": {"type": "string"}}}}}
            """);
    assertThat(JSON.readTree(result.data().toString()))
        .isEqualTo(
            json(
                "{\"product\": {\"name\": \"Kaffeemühle KM-40 Edelstahl\", \"price\": 59.90, \"gewicht\": \"480 g\"}}"));
    assertThat(result.missing()).isEmpty();
  }

  @Test
  void labelledFieldsFillAPageWithoutStructuredData() throws Exception {
    SchemaExtraction result =
        extract(
            "product-plain",
            """
            {"type": "object", "properties": {
              "title": {"type": "string"}, "price": {"type": "number"}, "sku": {"type": "string"},
              "brand": {"type": "string"}, "availability": {"type": "boolean"},
              "warranty": {"type": "string"}}}
            """);
    assertThat(JSON.readTree(result.data().toString()))
        .isEqualTo(
            json(
                """
                {"title": "USB-C Bench Power Supply 30V 5A", "price": 89.95, "sku": "VO-PSU-3005C",
                 "brand": "Voltcraft Labs", "availability": true, "warranty": null}
                """));
    assertThat(result.missing()).containsExactly("warranty");
  }

  @Test
  void nestedObjectsAndStringArraysFollowTheirPath() throws Exception {
    SchemaExtraction result =
        extract(
            "job-posting",
            """
            {"type": "object", "properties": {
              "job_title": {"type": "string"},
              "hiringOrganization": {"type": "object", "properties": {
                "name": {"type": "string"}, "email": {"type": "string"}}},
              "employmentType": {"type": "array", "items": {"type": "string"}},
              "baseSalary": {"type": "object", "properties": {
                "currency": {"type": "string"}, "minValue": {"type": "number"}, "maxValue": {"type": "number"}}}}}
            """);
    assertThat(JSON.readTree(result.data().toString()))
        .isEqualTo(
            json(
                """
                {"job_title": "Senior Backend Engineer (Java)",
                 "hiringOrganization": {"name": "Tidewater Logistics B.V.", "email": null},
                 "employmentType": ["FULL_TIME"],
                 "baseSalary": {"currency": "EUR", "minValue": 75000, "maxValue": 92000}}
                """));
    assertThat(result.missing()).containsExactly("hiringOrganization.email");
  }

  @Test
  void arraysOfObjectsComeFromTypedListsOrFromTableRows() throws Exception {
    SchemaExtraction offers =
        extract(
            "event",
            """
            {"type": "object", "properties": {"offers": {"type": "array", "items": {"type": "object",
              "properties": {"name": {"type": "string"}, "price": {"type": "number"}}}}}}
            """);
    assertThat(JSON.readTree(offers.data().toString()))
        .isEqualTo(
            json(
                "{\"offers\": [{\"name\": \"Festival pass\", \"price\": 1450}, {\"name\": \"Day ticket\", \"price\": 650}]}"));

    SchemaExtraction rows =
        extract(
            "table-heavy",
            """
            {"type": "object", "properties": {"lighthouses": {"type": "array", "items": {"type": "object",
              "properties": {"name": {"type": "string"}, "first_lit": {"type": "integer"}, "status": {"type": "string"}}}}}}
            """);
    JsonNode lighthouses = rows.data().get("lighthouses");
    assertThat(lighthouses).hasSize(5);
    assertThat(JSON.readTree(lighthouses.get(3).toString()))
        .isEqualTo(
            json(
                "{\"name\": \"Start Point\", \"first_lit\": 1806, \"status\": \"Active (automated 1982)\"}"));
  }

  @Test
  void listsUnderAHeadingFillAStringArray() throws Exception {
    SchemaExtraction result =
        extract(
            "korean-euckr",
            "{\"type\": \"object\", \"properties\": {\"재료\": {\"type\": \"array\", \"items\": {\"type\": \"string\"}}}}");
    assertThat(result.data().get("재료").toString())
        .isEqualTo("[\"신김치 300g\",\"돼지고기 앞다리살 200g\",\"두부 반 모\",\"대파 1대, 고춧가루 1큰술\"]");
  }

  @Test
  void aSchemaWithoutPropertiesIsRefused() {
    assertThatThrownBy(() -> extract("faq", "{\"type\": \"string\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("properties");
  }
}
