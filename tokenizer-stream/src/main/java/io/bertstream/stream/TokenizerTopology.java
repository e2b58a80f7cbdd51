package io.bertstream.stream;

import io.bertstream.stream.recipe.RecipeConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The Streams topology, top to bottom as in DESIGN's diagram:
 *
 * <pre>
 *   docs (bytes) ─► decode ─┬─► remember ────► tokenize ─┬─► build-examples ─┬─► examples
 *                           │   (+ seen docs)            │   (+ reservoir)   └─► examples.eval
 *                           └────────────────────────────┴─► docs.dlq
 * </pre>
 *
 * {@code remember} lets each document through once: a repeat (same id, same text) stops there, a
 * changed text under a known id goes on as a new version.
 */
public final class TokenizerTopology {

  static final String DOCS = "docs";
  static final String DECODE = "decode";
  static final String REMEMBER = "remember";
  static final String TOKENIZE = "tokenize";
  static final String BUILD_EXAMPLES = "build-examples";
  static final String EXAMPLES = "examples";
  static final String EXAMPLES_EVAL = "examples-eval";
  static final String DEAD_LETTERS = "dead-letters";

  private TokenizerTopology() {}

  public static Topology build(
      RecipeConfig recipe, StreamTopics topics, WordPieces wordPieces, StreamMetrics metrics) {
    Topology topology = new Topology();
    topology.addSource(DOCS, new StringDeserializer(), new ByteArrayDeserializer(), topics.docs());
    topology.addProcessor(
        DECODE,
        () ->
            new DecodeProcessor(
                topics.docs(), topics.documentDeserializer(), metrics, REMEMBER, DEAD_LETTERS),
        DOCS);
    topology.addProcessor(REMEMBER, () -> new RememberProcessor(metrics, TOKENIZE), DECODE);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(RememberProcessor.STORE),
            Serdes.String(),
            new SeenDocumentSerde()),
        REMEMBER);
    topology.addProcessor(
        TOKENIZE,
        () ->
            new TokenizeProcessor(topics.docs(), wordPieces, metrics, BUILD_EXAMPLES, DEAD_LETTERS),
        REMEMBER);
    topology.addProcessor(
        BUILD_EXAMPLES,
        () -> new ExampleProcessor(recipe, wordPieces, metrics, EXAMPLES, EXAMPLES_EVAL),
        TOKENIZE);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(ExampleProcessor.RESERVOIR_STORE),
            Serdes.String(),
            new ReservoirRunSerde()),
        BUILD_EXAMPLES);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(ExampleProcessor.COUNTERS_STORE),
            Serdes.String(),
            Serdes.Long()),
        BUILD_EXAMPLES);
    topology.addSink(
        EXAMPLES,
        topics.examples(),
        new StringSerializer(),
        topics.exampleSerializer(),
        BUILD_EXAMPLES);
    topology.addSink(
        EXAMPLES_EVAL,
        topics.examplesEval(),
        new StringSerializer(),
        topics.exampleSerializer(),
        BUILD_EXAMPLES);
    topology.addSink(
        DEAD_LETTERS,
        topics.docsDlq(),
        new StringSerializer(),
        new ByteArraySerializer(),
        DECODE,
        TOKENIZE);
    return topology;
  }
}
