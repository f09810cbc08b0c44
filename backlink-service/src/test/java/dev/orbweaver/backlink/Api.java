package dev.orbweaver.backlink;

import static io.restassured.RestAssured.given;

import dev.orbweaver.graph.testing.CrawlFiles;
import dev.orbweaver.testing.TestJwt;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** Calls as an account would make them through the gateway, and the answers expected of them. */
public final class Api {
  public static final long ACCOUNT = 42;

  private Api() {}

  public static RequestSpecification as(long account) {
    return given()
        .auth()
        .oauth2(TestJwt.user(account, 7, "lifetime"))
        .contentType(ContentType.JSON);
  }

  public static RequestSpecification caller() {
    return as(ACCOUNT);
  }

  /** A linking domain as the API writes it. */
  public static Map<String, Object> linkingDomain(CrawlFiles files, int v) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("linking_domain", files.domain(v));
    out.put("num_hosts", files.hosts()[v]);
    String domain = files.domain(v);
    out.put("tld", domain.substring(domain.lastIndexOf('.') + 1));
    out.put("cg_authority", files.authority(v));
    out.put("cg_rank", files.rank(v));
    return out;
  }

  public static List<Map<String, Object>> linkingDomains(CrawlFiles files, List<Integer> ids) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int v : ids) {
      out.add(linkingDomain(files, v));
    }
    return out;
  }

  /** Original ids ordered by in-degree, most linked first. */
  public static List<Integer> byInDegree(CrawlFiles files) {
    return IntStream.range(0, files.size())
        .boxed()
        .sorted(
            Comparator.<Integer>comparingInt(v -> files.linking()[v].length)
                .reversed()
                .thenComparing(v -> v))
        .toList();
  }
}
