package dev.orbweaver.extract.profile;

import java.util.Locale;

/** The extraction profiles: which kind of thing a page describes, read into a fixed JSON shape. */
public enum Profile {
  AUTO,
  PRODUCT,
  ARTICLE,
  JOB_POSTING,
  FAQ,
  RECIPE,
  EVENT;

  /** The name callers use on the wire: {@code auto}, {@code job_posting}, … */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The profile a wire name means.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static Profile fromWireName(String name) {
    for (Profile profile : values()) {
      if (profile.wireName().equalsIgnoreCase(name.strip())) {
        return profile;
      }
    }
    throw new IllegalArgumentException(
        "unknown profile '"
            + name
            + "': use auto, product, article, job_posting, faq, recipe or event");
  }
}
