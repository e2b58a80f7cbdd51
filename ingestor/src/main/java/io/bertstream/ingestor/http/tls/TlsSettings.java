package io.bertstream.ingestor.http.tls;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where {@code ingest serve} finds its TLS certificate and key: PEM files (what cert-manager and
 * {@code kubectl create secret tls} write) or a PKCS#12/JKS keystore. The files are read again when
 * they change, so a renewed certificate is served without a restart.
 */
public sealed interface TlsSettings {

  /** The files these settings read, in a fixed order. */
  List<Path> files();

  /**
   * @param certificate the server certificate, then any intermediates, PEM
   * @param privateKey its unencrypted PKCS#8 private key ({@code BEGIN PRIVATE KEY}), PEM; the
   *     older OpenSSL forms are refused with the command that converts them
   */
  record Pem(Path certificate, Path privateKey) implements TlsSettings {
    public Pem {
      Objects.requireNonNull(certificate, "certificate");
      Objects.requireNonNull(privateKey, "privateKey");
    }

    @Override
    public List<Path> files() {
      return List.of(certificate, privateKey);
    }
  }

  /**
   * @param file a PKCS#12 or JKS keystore holding the key and its certificate chain
   * @param password the keystore's password, also the key's; never printed
   */
  record KeyStoreFile(Path file, String password) implements TlsSettings {
    public KeyStoreFile {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(password, "password");
    }

    @Override
    public List<Path> files() {
      return List.of(file);
    }

    @Override
    public String toString() {
      return "KeyStoreFile[file=" + file + ", password=<hidden>]";
    }
  }
}
