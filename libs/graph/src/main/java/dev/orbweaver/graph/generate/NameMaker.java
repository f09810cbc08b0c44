package dev.orbweaver.graph.generate;

import java.util.SplittableRandom;

/**
 * Second-level labels that look like the web's: dictionary words and their compounds ({@code
 * greenshop}, {@code city-news}), pronounceable inventions ({@code zorvani}), now and then with
 * digits ({@code radio24}).
 */
final class NameMaker {
  private static final String[] WORDS = {
    "shop", "news", "blog", "tech", "home", "city", "art", "studio", "media", "digital", "green",
    "travel", "food", "health", "design", "photo", "music", "game", "sport", "auto", "house",
    "club", "market", "world", "online", "web", "cloud", "data", "smart", "eco", "bio", "local",
    "family", "school", "law", "dental", "garden", "pet", "book", "film", "radio", "hotel", "wine",
    "coffee", "fashion", "beauty", "fit", "yoga", "bike", "car", "boat", "farm", "craft", "wood",
    "stone", "solar", "energy", "build", "print", "event", "wedding", "kids", "baby", "learn",
    "code", "dev", "labs", "works", "group", "hub", "point", "zone", "plus", "pro", "one", "best",
    "top", "daily", "review", "guide", "hope", "blue", "red", "gold", "silver", "north", "south",
    "east", "west", "river", "lake", "sea", "sun", "moon", "star", "sky"
  };
  private static final String[] ONSETS = {
    "b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z", "br",
    "ch", "cl", "cr", "dr", "fl", "gr", "kr", "pl", "pr", "sh", "st", "th", "tr"
  };
  private static final String[] VOWELS = {"a", "e", "i", "o", "u", "ai", "ea", "io", "ou", "y"};
  private static final String[] CODAS = {"", "", "", "n", "r", "s", "l", "x", "nd", "rt", "ck"};

  private NameMaker() {}

  static String label(SplittableRandom random) {
    StringBuilder out = new StringBuilder(16);
    double kind = random.nextDouble();
    if (kind < 0.35) {
      out.append(word(random)).append(word(random));
    } else if (kind < 0.45) {
      out.append(word(random)).append('-').append(word(random));
    } else if (kind < 0.55) {
      out.append(word(random)).append(invented(random, 1 + random.nextInt(2)));
    } else {
      out.append(invented(random, 2 + random.nextInt(3)));
    }
    if (random.nextDouble() < 0.08) {
      out.append(random.nextInt(1, 1000));
    }
    return out.length() > 63 ? out.substring(0, 63) : out.toString();
  }

  private static String word(SplittableRandom random) {
    return WORDS[random.nextInt(WORDS.length)];
  }

  private static String invented(SplittableRandom random, int syllables) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < syllables; i++) {
      out.append(ONSETS[random.nextInt(ONSETS.length)])
          .append(VOWELS[random.nextInt(VOWELS.length)]);
    }
    return out.append(CODAS[random.nextInt(CODAS.length)]).toString();
  }
}
