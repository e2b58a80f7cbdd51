package io.bertstream.ingestor.http.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of TLS: a Jetty connector that speaks only HTTPS (plain HTTP to it fails the
 * handshake), TLS 1.2 and 1.3 only, with Jetty's default exclusion of weak cipher suites.
 *
 * <p>Certificates are renewed while the server runs (cert-manager rewrites the Secret, the kubelet
 * the mounted files): {@link #reloadIfChanged()} reads the files again when their contents changed,
 * checks them as at start, and swaps them in for new connections; files that do not check out are
 * logged and the ones in use are kept.
 */
public final class ServerTls {

  /** How often the server looks at the files; the kubelet takes about a minute to update them. */
  public static final Duration RELOAD_INTERVAL = Duration.ofMinutes(1);

  private static final Logger LOG = LoggerFactory.getLogger(ServerTls.class);
  private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

  private final TlsSettings settings;
  private final SslContextFactory.Server factory;
  private byte[] loadedDigest;
  private X509Certificate certificate;

  private ServerTls(TlsSettings settings, ServerCredentials credentials, byte[] digest) {
    this.settings = settings;
    this.factory = new SslContextFactory.Server();
    this.factory.setIncludeProtocols(PROTOCOLS);
    install(factory, credentials);
    this.loadedDigest = digest;
    this.certificate = credentials.leaf();
  }

  /** Reads and checks the files; throws {@link TlsSetupException} with a one-line reason. */
  public static ServerTls load(TlsSettings settings) {
    ServerCredentials credentials = ServerCredentials.load(settings);
    ServerTls tls = new ServerTls(settings, credentials, digest(settings.files()));
    LOG.info(
        "TLS certificate {} valid until {}",
        tls.certificate.getSubjectX500Principal().getName(),
        tls.certificate.getNotAfter().toInstant());
    return tls;
  }

  /** A connector serving HTTPS on {@code host:port} (port 0 picks a free one). */
  public ServerConnector connector(Server server, HttpConfiguration http, String host, int port) {
    ServerConnector connector =
        new ServerConnector(
            server,
            new SslConnectionFactory(factory, HttpVersion.HTTP_1_1.asString()),
            new HttpConnectionFactory(http));
    connector.setHost(host);
    connector.setPort(port);
    return connector;
  }

  /** The server certificate new connections get. */
  public synchronized X509Certificate certificate() {
    return certificate;
  }

  /**
   * Reads the files again if their contents changed since they were last loaded; returns whether
   * new credentials are now served.
   */
  public synchronized boolean reloadIfChanged() {
    byte[] digest;
    try {
      digest = digest(settings.files());
    } catch (TlsSetupException e) {
      LOG.warn("TLS files not reloaded, the ones loaded stay in use: {}", e.getMessage());
      return false;
    }
    if (Arrays.equals(digest, loadedDigest)) {
      return false;
    }
    ServerCredentials credentials;
    try {
      credentials = ServerCredentials.load(settings);
    } catch (TlsSetupException e) {
      LOG.warn(
          "TLS files changed but cannot be used, the ones loaded stay in use: {}", e.getMessage());
      // Not again until they change once more.
      loadedDigest = digest;
      return false;
    }
    try {
      factory.reload(reloaded -> install((SslContextFactory.Server) reloaded, credentials));
    } catch (Exception e) {
      LOG.warn("TLS reload failed, the credentials loaded stay in use: {}", e.toString());
      return false;
    }
    loadedDigest = digest;
    certificate = credentials.leaf();
    LOG.info(
        "TLS certificate reloaded: {} valid until {}",
        certificate.getSubjectX500Principal().getName(),
        certificate.getNotAfter().toInstant());
    return true;
  }

  private static void install(SslContextFactory.Server factory, ServerCredentials credentials) {
    // The keystore lives only in memory: Jetty wants a password for it, a random one will do.
    char[] password = randomPassword();
    factory.setKeyStore(credentials.toKeyStore(password));
    factory.setKeyStorePassword(new String(password));
  }

  private static char[] randomPassword() {
    byte[] random = new byte[18];
    new SecureRandom().nextBytes(random);
    return Base64.getEncoder().encodeToString(random).toCharArray();
  }

  private static byte[] digest(List<Path> files) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Path file : files) {
        try {
          sha.update(Files.readAllBytes(file));
        } catch (IOException e) {
          throw new TlsSetupException("cannot read " + file + ": " + e.getMessage(), e);
        }
      }
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
