package dev.orbweaver.objectstore;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's own S3-compatible store on one machine: s3proxy with its filesystem backend under
 * {@code $ORBWEAVER_HOME/objects}, signatures checked (SigV4 and V2) against the generated
 * credentials, the bucket created before the port opens, so that a store that answers is a store
 * that is ready.
 */
public final class EmbeddedObjectStore implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedObjectStore.class);

  private final S3Proxy proxy;
  private final BlobStore blobs;

  private EmbeddedObjectStore(S3Proxy proxy, BlobStore blobs) {
    this.proxy = proxy;
    this.blobs = blobs;
  }

  public static void main(String[] args) throws Exception {
    EmbeddedObjectStoreSettings settings;
    try {
      settings = EmbeddedObjectStoreSettings.fromEnvironment(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("object-store: " + e.getMessage());
      System.exit(2);
      return;
    }
    EmbeddedObjectStore store = start(settings);
    Runtime.getRuntime().addShutdownHook(new Thread(store::close, "object-store-stop"));
    LOG.info(
        "object store ready at http://{}:{} (bucket {}, files under {})",
        settings.host(),
        store.port(),
        settings.bucket(),
        settings.directory());
  }

  /** Creates the directory and the bucket, then opens the port. */
  public static EmbeddedObjectStore start(EmbeddedObjectStoreSettings settings) throws IOException {
    Files.createDirectories(settings.directory());
    // Only the owner reads the blobs; where the file system has no POSIX permissions (Windows),
    // the home folder's own permissions apply.
    if (settings.directory().getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(
          settings.directory(), PosixFilePermissions.fromString("rwx------"));
    }
    BlobStore blobs = new FilesystemNio2BlobStore(settings.directory().toString());
    if (!blobs.containerExists(settings.bucket())) {
      blobs.createContainer(settings.bucket());
    }
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(blobs)
            .endpoint(URI.create("http://" + settings.host() + ":" + settings.port()))
            .awsAuthentication(
                AuthenticationType.AWS_V2_OR_V4, settings.accessKey(), settings.secretKey())
            .jettyMaxThreads(64)
            .build();
    try {
      proxy.start();
      while (!"STARTED".equals(proxy.getState())) {
        if ("FAILED".equals(proxy.getState())) {
          throw new IOException(
              "s3proxy failed to start on " + settings.host() + ":" + settings.port());
        }
        Thread.onSpinWait();
      }
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(
          "s3proxy did not start on " + settings.host() + ":" + settings.port(), e);
    }
    return new EmbeddedObjectStore(proxy, blobs);
  }

  public int port() {
    return proxy.getPort();
  }

  @Override
  public void close() {
    try {
      proxy.stop();
    } catch (Exception e) {
      LOG.warn("stopping the object store: {}", e.toString());
    }
    blobs.close();
  }
}
