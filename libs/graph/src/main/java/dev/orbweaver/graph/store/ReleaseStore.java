package dev.orbweaver.graph.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * A directory of releases, one sub-directory each, shared by the ingest job and every query
 * replica. An ingest writes into {@code .ingest-<id>-<random>/}, flushes every file to disk, then
 * renames the directory to {@code <id>/}: the rename is the commit, so a reader sees a whole
 * release or none. Directories whose name starts with a dot are never read as releases.
 */
public final class ReleaseStore {
  private final Path root;

  public ReleaseStore(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  /** The committed releases, newest first (by release date, then id). */
  public List<ReleaseManifest> committed() throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    List<ReleaseManifest> out = new ArrayList<>();
    try (Stream<Path> children = Files.list(root)) {
      for (Path dir : children.toList()) {
        String name = dir.getFileName().toString();
        Path manifest = dir.resolve(StoreLayout.MANIFEST);
        if (name.startsWith(".") || !Files.isRegularFile(manifest)) {
          continue;
        }
        ReleaseManifest read = ReleaseManifest.read(manifest);
        if (read.releaseId().equals(name)) {
          out.add(read);
        }
      }
    }
    out.sort(newestFirst());
    return out;
  }

  public static Comparator<ReleaseManifest> newestFirst() {
    return Comparator.comparing(ReleaseManifest::releaseDate)
        .thenComparing(ReleaseManifest::releaseId)
        .reversed();
  }

  public Path directory(String releaseId) {
    return root.resolve(releaseId);
  }

  public boolean exists(String releaseId) {
    return Files.exists(directory(releaseId));
  }

  /** Opens a committed release for reading. */
  public Release open(String releaseId) throws IOException {
    return Release.open(directory(releaseId));
  }

  /** Starts writing a release that nobody sees until {@link PendingRelease#commit}. */
  public PendingRelease begin(String releaseId) throws IOException {
    if (!ReleaseManifest.ID.matcher(releaseId).matches()) {
      throw new IllegalArgumentException(
          "release id '" + releaseId + "' must be 1-100 letters, digits, '.', '_' or '-'");
    }
    if (exists(releaseId)) {
      throw new FileAlreadyExistsException(
          directory(releaseId).toString(), null, "release " + releaseId + " already exists");
    }
    Files.createDirectories(root);
    String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    Path pending =
        Files.createDirectory(root.resolve(StoreLayout.PENDING_PREFIX + releaseId + "-" + suffix));
    return new PendingRelease(releaseId, pending);
  }

  /**
   * Removes what crashed ingests left behind: pending directories in which nothing changed for
   * {@code idle}. A live ingest writes continuously and is never that idle.
   */
  public List<Path> sweepAbandoned(Duration idle) throws IOException {
    List<Path> removed = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return removed;
    }
    Instant cutoff = Instant.now().minus(idle);
    try (Stream<Path> children = Files.list(root)) {
      for (Path dir : children.toList()) {
        if (dir.getFileName().toString().startsWith(StoreLayout.PENDING_PREFIX)
            && lastChange(dir).isBefore(cutoff)) {
          deleteTree(dir);
          removed.add(dir);
        }
      }
    }
    return removed;
  }

  private static Instant lastChange(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .map(
              f -> {
                try {
                  return Files.getLastModifiedTime(f);
                } catch (IOException e) {
                  return FileTime.from(Instant.now());
                }
              })
          .max(Comparator.naturalOrder())
          .map(FileTime::toInstant)
          .orElse(Instant.now());
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  static void fsync(Path path) throws IOException {
    boolean dir = Files.isDirectory(path);
    try (FileChannel channel =
        FileChannel.open(path, dir ? StandardOpenOption.READ : StandardOpenOption.WRITE)) {
      channel.force(true);
    } catch (IOException e) {
      // Some file systems refuse to open a directory for sync; the files themselves were synced.
      if (!dir) {
        throw e;
      }
    }
  }

  /** A release being written. */
  public final class PendingRelease implements AutoCloseable {
    private final String releaseId;
    private final Path dir;
    private boolean committed;

    private PendingRelease(String releaseId, Path dir) {
      this.releaseId = releaseId;
      this.dir = dir;
    }

    public String releaseId() {
      return releaseId;
    }

    public Path dir() {
      return dir;
    }

    public Path file(String name) {
      return dir.resolve(name);
    }

    /**
     * Writes the manifest, forces every file to disk and renames the directory into place.
     *
     * @return the committed release's directory
     */
    public Path commit(ReleaseManifest manifest) throws IOException {
      Path temp = dir.resolve(StoreLayout.MANIFEST + ".tmp");
      Files.write(temp, manifest.toJson());
      Files.move(temp, dir.resolve(StoreLayout.MANIFEST), StandardCopyOption.ATOMIC_MOVE);
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.toList()) {
          fsync(f);
        }
      }
      fsync(dir);
      Path target = directory(releaseId);
      if (Files.exists(target)) {
        throw new FileAlreadyExistsException(
            target.toString(), null, "release " + releaseId + " was committed meanwhile");
      }
      try {
        Files.move(dir, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("the store directory must allow atomic renames: " + root, e);
      }
      fsync(root);
      committed = true;
      return target;
    }

    /** Deletes what was written unless it was committed. */
    @Override
    public void close() {
      if (!committed) {
        try {
          deleteTree(dir);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  /** The release with this id, if committed. */
  public Optional<ReleaseManifest> manifest(String releaseId) throws IOException {
    Path manifest = directory(releaseId).resolve(StoreLayout.MANIFEST);
    return Files.isRegularFile(manifest)
        ? Optional.of(ReleaseManifest.read(manifest))
        : Optional.empty();
  }
}
