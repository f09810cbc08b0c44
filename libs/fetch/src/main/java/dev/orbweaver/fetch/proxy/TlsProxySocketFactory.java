package dev.orbweaver.fetch.proxy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import javax.net.SocketFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Sockets that speak TLS to an {@code https://} proxy. The HTTP client connects them to the vetted
 * proxy address and then talks HTTP (or CONNECT) over them as it would over plain TCP; the proxy's
 * certificate is checked against its host name.
 */
public final class TlsProxySocketFactory extends SocketFactory {

  private final SSLSocketFactory tls;
  private final String proxyHost;

  public TlsProxySocketFactory(SSLSocketFactory tls, String proxyHost) {
    this.tls = tls;
    this.proxyHost = proxyHost;
  }

  @Override
  public Socket createSocket() throws IOException {
    SSLSocket socket = (SSLSocket) tls.createSocket();
    SSLParameters parameters = socket.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    if (proxyHost.indexOf(':') < 0
        && !proxyHost.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
      parameters.setServerNames(List.of(new SNIHostName(proxyHost)));
    }
    socket.setSSLParameters(parameters);
    return socket;
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return tls.createSocket(host, port);
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return tls.createSocket(host, port, localHost, localPort);
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return tls.createSocket(host, port);
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return tls.createSocket(address, port, localAddress, localPort);
  }
}
