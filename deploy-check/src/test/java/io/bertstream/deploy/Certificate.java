package io.bertstream.deploy;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.List;

/** cert-manager's {@code cert-manager.io/v1 Certificate}, the fields this project may use. */
record Certificate(String apiVersion, String kind, ObjectMeta metadata, Spec spec) {

  record Spec(
      String secretName,
      String duration,
      String renewBefore,
      PrivateKey privateKey,
      List<String> usages,
      List<String> dnsNames,
      IssuerRef issuerRef) {}

  record PrivateKey(String algorithm, Integer size, String encoding, String rotationPolicy) {}

  record IssuerRef(String group, String kind, String name) {}
}
