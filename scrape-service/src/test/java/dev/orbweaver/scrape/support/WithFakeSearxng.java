package dev.orbweaver.scrape.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** A test profile whose web search backend is {@link FakeSearxng}. */
public class WithFakeSearxng implements QuarkusTestProfile {
  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(FakeSearxng.class));
  }
}
