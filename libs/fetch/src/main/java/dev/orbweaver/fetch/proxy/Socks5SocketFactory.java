package dev.orbweaver.fetch.proxy;

import dev.orbweaver.fetch.guard.AddressGuard;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.net.SocketFactory;

/**
 * Sockets that reach their endpoint through a SOCKS5 proxy (RFC 1928, user/password per RFC 1929).
 * The JDK's own SOCKS support takes credentials only from the JVM-wide {@code Authenticator}, which
 * cannot hold one set per request; this one carries its proxy's credentials itself. The endpoint
 * handed to {@code connect} is the address the guard already vetted, so the proxy is told exactly
 * that address, never a name it could resolve elsewhere.
 */
public final class Socks5SocketFactory extends SocketFactory {

  private final ProxySpec proxy;
  private final AddressGuard guard;

  public Socks5SocketFactory(ProxySpec proxy, AddressGuard guard) {
    if (proxy.scheme() != ProxySpec.Scheme.SOCKS5) {
      throw new IllegalArgumentException(proxy + " is not a SOCKS5 proxy");
    }
    this.proxy = proxy;
    this.guard = guard;
  }

  @Override
  public Socket createSocket() {
    return new Socks5Socket();
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    Socket socket = createSocket();
    socket.connect(new InetSocketAddress(guard.resolve(host).get(0), port));
    return socket;
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return createSocket(host, port);
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    Socket socket = createSocket();
    socket.connect(new InetSocketAddress(host, port));
    return socket;
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return createSocket(address, port);
  }

  private final class Socks5Socket extends Socket {

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
      if (!(endpoint instanceof InetSocketAddress target)) {
        throw new IllegalArgumentException("SOCKS5 needs an InetSocketAddress, not " + endpoint);
      }
      List<InetAddress> proxyAddresses = guard.resolve(proxy.host());
      IOException last = null;
      for (InetAddress address : proxyAddresses) {
        try {
          super.connect(new InetSocketAddress(address, proxy.port()), timeout);
          last = null;
          break;
        } catch (IOException e) {
          last = e;
        }
      }
      if (last != null) {
        throw last;
      }
      int readTimeout = getSoTimeout();
      setSoTimeout(timeout);
      try {
        handshake(target);
      } finally {
        setSoTimeout(readTimeout);
      }
    }

    private void handshake(InetSocketAddress target) throws IOException {
      OutputStream out = getOutputStream();
      DataInputStream in = new DataInputStream(getInputStream());
      if (proxy.hasCredentials()) {
        out.write(new byte[] {5, 2, 0, 2});
      } else {
        out.write(new byte[] {5, 1, 0});
      }
      out.flush();
      int version = in.readUnsignedByte();
      int method = in.readUnsignedByte();
      if (version != 5) {
        throw refused(proxy + " does not speak SOCKS5 (version byte " + version + ")");
      }
      if (method == 2 && proxy.hasCredentials()) {
        authenticate(out, in);
      } else if (method != 0) {
        throw refused(
            proxy
                + (method == 0xFF
                    ? " accepts none of our authentication methods"
                    : " chose an authentication method we did not offer"));
      }
      out.write(connectRequest(target));
      out.flush();
      int replyVersion = in.readUnsignedByte();
      int reply = in.readUnsignedByte();
      in.readUnsignedByte();
      int addressType = in.readUnsignedByte();
      if (replyVersion != 5) {
        throw refused(proxy + " answered CONNECT with version byte " + replyVersion);
      }
      if (reply != 0) {
        throw replyFailure(reply, target);
      }
      int addressLength =
          switch (addressType) {
            case 1 -> 4;
            case 4 -> 16;
            case 3 -> in.readUnsignedByte();
            default -> throw refused(proxy + " answered with address type " + addressType);
          };
      skip(in, addressLength + 2);
    }

    private void authenticate(OutputStream out, DataInputStream in) throws IOException {
      byte[] user = proxy.username().getBytes(StandardCharsets.UTF_8);
      byte[] pass = proxy.password().getBytes(StandardCharsets.UTF_8);
      if (user.length > 255 || pass.length > 255) {
        throw refused("SOCKS5 credentials are limited to 255 bytes each");
      }
      byte[] request = new byte[3 + user.length + pass.length];
      request[0] = 1;
      request[1] = (byte) user.length;
      System.arraycopy(user, 0, request, 2, user.length);
      request[2 + user.length] = (byte) pass.length;
      System.arraycopy(pass, 0, request, 3 + user.length, pass.length);
      out.write(request);
      out.flush();
      in.readUnsignedByte();
      if (in.readUnsignedByte() != 0) {
        throw refused(proxy + " rejected the user name and password");
      }
    }

    private byte[] connectRequest(InetSocketAddress target) {
      byte[] address;
      byte type;
      if (target.isUnresolved()) {
        byte[] name = target.getHostString().getBytes(StandardCharsets.US_ASCII);
        address = new byte[name.length + 1];
        address[0] = (byte) name.length;
        System.arraycopy(name, 0, address, 1, name.length);
        type = 3;
      } else {
        address = target.getAddress().getAddress();
        type = target.getAddress() instanceof Inet4Address ? (byte) 1 : (byte) 4;
      }
      byte[] request = new byte[6 + address.length];
      request[0] = 5;
      request[1] = 1;
      request[2] = 0;
      request[3] = type;
      System.arraycopy(address, 0, request, 4, address.length);
      request[4 + address.length] = (byte) (target.getPort() >>> 8);
      request[5 + address.length] = (byte) target.getPort();
      return request;
    }

    private ProxyException replyFailure(int reply, InetSocketAddress target) {
      String where =
          proxy + " could not connect to " + target.getHostString() + ":" + target.getPort();
      return switch (reply) {
        case 3 ->
            new ProxyException(
                ProxyException.Reason.TARGET_UNREACHABLE, where + ": network unreachable");
        case 4 ->
            new ProxyException(
                ProxyException.Reason.TARGET_UNREACHABLE, where + ": host unreachable");
        case 5 ->
            new ProxyException(
                ProxyException.Reason.TARGET_UNREACHABLE, where + ": connection refused");
        case 6 -> new ProxyException(ProxyException.Reason.TARGET_TIMEOUT, where + ": TTL expired");
        case 2 -> refused(where + ": not allowed by the proxy's rules");
        default -> refused(where + ": SOCKS5 reply " + reply);
      };
    }

    private void skip(InputStream in, int count) throws IOException {
      if (in.readNBytes(count).length != count) {
        throw refused(proxy + " closed the connection during the SOCKS5 handshake");
      }
    }

    private ProxyException refused(String message) {
      return new ProxyException(ProxyException.Reason.PROXY_REFUSED, message);
    }
  }
}
