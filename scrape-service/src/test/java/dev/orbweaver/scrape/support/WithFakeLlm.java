package dev.orbweaver.scrape.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** A test profile whose operator LLM is {@link FakeLlm}. */
public class WithFakeLlm implements QuarkusTestProfile {
  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(FakeLlm.class));
  }
}
