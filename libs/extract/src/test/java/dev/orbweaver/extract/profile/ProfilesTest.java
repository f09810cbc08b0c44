package dev.orbweaver.extract.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orbweaver.extract.Page;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ProfilesTest {
  @Test
  void askingForAProfileThePageHasNoDataForGivesItsShapeWithNulls() {
    Page page =
        Page.parse(
            "<html><body><h1>Hello</h1><p>Just words.</p></body></html>",
            "https://example.com/",
            200);
    ObjectNode product = page.profile(Profile.PRODUCT);
    assertThat(product.get("profile").asText()).isEqualTo("product");
    assertThat(product.get("name").asText()).isEqualTo("Hello");
    assertThat(product.get("price").isNull()).isTrue();
    assertThat(product.get("source").isNull()).isTrue();
    assertThat(product.get("images")).isEmpty();
    ObjectNode faq = page.profile(Profile.FAQ);
    assertThat(faq.get("questions")).isEmpty();
    assertThat(page.profile(Profile.AUTO).get("profile").asText()).isEqualTo("article");
  }

  @Test
  void microdataOffersAndOpenGraphProductTagsAreRead() {
    Page page =
        Page.parse(
            """
            <html><head><meta property="og:type" content="product">
            <meta property="og:title" content="Trail socks">
            <meta property="product:price:amount" content="12.50">
            <meta property="product:price:currency" content="EUR"></head>
            <body><h1>Trail socks (3 pack)</h1></body></html>
            """,
            "https://shop.example/socks",
            200);
    ObjectNode product = page.profile(Profile.AUTO);
    assertThat(product.get("profile").asText()).isEqualTo("product");
    assertThat(product.get("name").asText()).isEqualTo("Trail socks");
    assertThat(product.get("price").decimalValue()).isEqualByComparingTo("12.5");
    assertThat(product.get("currency").asText()).isEqualTo("EUR");
    assertThat(product.get("source").asText()).isEqualTo("open-graph");
  }

  @Test
  void questionsComeFromDefinitionListsAndQuestionHeadings() {
    Page page =
        Page.parse(
            "<body><dl><dt>Is parking free?</dt><dd>Yes, after 6pm.</dd><dt>Opening hours</dt><dd>9-5</dd></dl></body>",
            "https://example.com/",
            200);
    assertThat(page.profile(Profile.FAQ).get("questions").toString())
        .isEqualTo("[{\"question\":\"Is parking free?\",\"answer\":\"Yes, after 6pm.\"}]");
  }

  @Test
  void numbersReadEitherDecimalConvention() {
    assertThat(Values.number("£1,299.99")).isEqualByComparingTo(new BigDecimal("1299.99"));
    assertThat(Values.number("1.299,99 €")).isEqualByComparingTo(new BigDecimal("1299.99"));
    assertThat(Values.number("59,90 €")).isEqualByComparingTo(new BigDecimal("59.90"));
    assertThat(Values.number("NOK 1,450")).isEqualByComparingTo(new BigDecimal("1450"));
    assertThat(Values.number("4.6 out of 5")).isEqualByComparingTo(new BigDecimal("4.6"));
    assertThat(Values.number("1.000.000")).isEqualByComparingTo(new BigDecimal("1000000"));
    assertThat(Values.number("no price")).isNull();
    assertThat(Values.currency("NOK 1,450")).isEqualTo("NOK");
    assertThat(Values.currency("£129.00")).isEqualTo("GBP");
  }

  @Test
  void wireNamesRoundTripAndUnknownOnesSayWhatIsAccepted() {
    assertThat(Profile.fromWireName("job_posting")).isEqualTo(Profile.JOB_POSTING);
    assertThat(Profile.JOB_POSTING.wireName()).isEqualTo("job_posting");
    assertThatThrownBy(() -> Profile.fromWireName("movie"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("auto, product, article, job_posting, faq, recipe or event");
  }
}
