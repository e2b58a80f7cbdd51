#!/bin/sh
# The image's entrypoint: `bertstream <command> [flags]`. JAVA_OPTS adds JVM flags.
# shellcheck disable=SC2086 # JAVA_OPTS is a list of flags and must split.
exec java ${JAVA_OPTS} -Dai.djl.offline=true -jar /opt/bertstream/bertstream.jar "$@"
