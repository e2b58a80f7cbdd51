#!/bin/sh
# The image's entrypoint: `bertstream <command> [flags]`. JAVA_OPTS adds JVM flags.
# Jars in /opt/bertstream/lib join the class path: Kafka client plugins such as aws-msk-iam-auth
# (sasl.mechanism=AWS_MSK_IAM), added by an image built FROM this one (docs/security.md).
# shellcheck disable=SC2086 # JAVA_OPTS is a list of flags and must split.
exec java ${JAVA_OPTS} -Dai.djl.offline=true \
  -cp "/opt/bertstream/bertstream.jar:/opt/bertstream/lib/*" io.bertstream.cli.Bertstream "$@"
