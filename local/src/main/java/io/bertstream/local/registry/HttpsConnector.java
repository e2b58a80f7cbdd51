package io.bertstream.local.registry;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The registry's one listener when it serves TLS: HTTP/1.1 over TLS with the server's key store,
 * and, when client certificates are required, a trust store of the CAs that sign them. A client
 * without such a certificate fails in the handshake, before any request is read.
 */
final class HttpsConnector {

  private HttpsConnector() {}

  static Connector create(
      Server server, HttpConfiguration http, RegistrySecurity security, String host, int port) {
    SslContextFactory.Server tls = new SslContextFactory.Server();
    tls.setKeyStoreType("PKCS12");
    tls.setKeyStorePath(security.keyStore().toString());
    tls.setKeyStorePassword(security.keyStorePassword().value());
    if (security.clientCertificatesRequired()) {
      tls.setTrustStoreType("PKCS12");
      tls.setTrustStorePath(security.clientTrustStore().toString());
      tls.setTrustStorePassword(security.clientTrustStorePassword().value());
      tls.setNeedClientAuth(true);
    }
    HttpConfiguration https = new HttpConfiguration(http);
    https.addCustomizer(new SecureRequestCustomizer());
    ServerConnector connector =
        new ServerConnector(
            server, new SslConnectionFactory(tls, "http/1.1"), new HttpConnectionFactory(https));
    connector.setHost(host);
    connector.setPort(port);
    return connector;
  }
}
