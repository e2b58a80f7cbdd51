package io.bertstream.deploy;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.List;
import java.util.Set;

/** KEDA's {@code keda.sh/v1alpha1 TriggerAuthentication}, the fields this project may use. */
record TriggerAuthentication(String apiVersion, String kind, ObjectMeta metadata, Spec spec) {

  /** The authentication parameters KEDA's kafka scaler reads; any other is a typo. */
  static final Set<String> KAFKA_PARAMETERS =
      Set.of(
          "sasl",
          "username",
          "password",
          "tls",
          "ca",
          "cert",
          "key",
          "keyPassword",
          "oauthTokenEndpointUri",
          "scopes",
          "oauthExtensions");

  record Spec(List<SecretTargetRef> secretTargetRef) {}

  /** One parameter taken from {@code key} of the Secret {@code name}. */
  record SecretTargetRef(String parameter, String name, String key) {}
}
