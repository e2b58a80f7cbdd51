package io.bertstream.runtime;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Asks a port whether anything listens there, and whether it speaks TLS. Nothing is sent over the
 * connections, and they are closed at once.
 */
final class PortProbe {

  private PortProbe() {}

  /** Whether {@code host:port} accepted a TCP connection within {@code timeout}. */
  static boolean accepts(String host, int port, Duration timeout) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Whether {@code host:port} answered a TLS handshake within {@code timeout}, with its certificate
   * or with a TLS alert. The certificate is not checked: this only tells a PLAINTEXT client why a
   * TLS listener never answers it.
   */
  static boolean speaksTls(String host, int port, Duration timeout) {
    int millis = (int) timeout.toMillis();
    try (Socket plain = new Socket()) {
      plain.connect(new InetSocketAddress(host, port), millis);
      plain.setSoTimeout(millis);
      try (SSLSocket tls =
          (SSLSocket) anyCertificate().getSocketFactory().createSocket(plain, host, port, false)) {
        tls.startHandshake();
        return true;
      }
    } catch (SSLHandshakeException e) {
      // An alert is TLS talking; a dropped connection or non-TLS bytes are not.
      return String.valueOf(e.getMessage()).contains("Received fatal alert");
    } catch (IOException e) {
      return false;
    }
  }

  private static SSLContext anyCertificate() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new AnyCertificate()}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no TLS in this JVM", e);
    }
  }

  /** Accepts every certificate: the probe sends nothing and only wants to see TLS spoken. */
  private static final class AnyCertificate implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
