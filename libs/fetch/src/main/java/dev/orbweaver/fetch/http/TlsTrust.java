package dev.orbweaver.fetch.http;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Which server certificates a fetch trusts: the JDK's CA certificates by default, or a key store of
 * its own (an installation's private CA, a test's self-signed certificate).
 */
public record TlsTrust(SSLSocketFactory socketFactory, X509TrustManager trustManager) {

  public static TlsTrust system() {
    return from(null);
  }

  /** Trusts exactly the certificates in the key store. */
  public static TlsTrust of(KeyStore trusted) {
    return from(trusted);
  }

  private static TlsTrust from(KeyStore trusted) {
    try {
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trusted);
      X509TrustManager manager =
          Arrays.stream(factory.getTrustManagers())
              .filter(X509TrustManager.class::isInstance)
              .map(X509TrustManager.class::cast)
              .findFirst()
              .orElseThrow(
                  () -> new IllegalStateException("the JDK offers no X.509 trust manager"));
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new X509TrustManager[] {manager}, null);
      return new TlsTrust(context.getSocketFactory(), manager);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("TLS is not available in this JDK", e);
    }
  }
}
