package io.bertstream.stream;

import io.bertstream.avro.PretrainingExample;
import io.bertstream.avro.RawDocument;
import io.bertstream.runtime.KafkaConnection;
import io.bertstream.stream.recipe.RecipeConfig;
import io.bertstream.tokenizer.BertTokenizer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SotuDriverStatisticsTest {

  @TempDir Path dir;

  @Test
  void shouldKeepTheRecipeStatisticsOnSotu() throws Exception {
    RecipeConfig recipe = RecipeConfig.defaults().withSeed(3);
    List<RawDocument> documents = Sotu.documents(60);
    try (BertTokenizer tokenizer = Sotu.trainTokenizer(dir, 8000)) {
      WordPieces pieces = new BertWordPieces(tokenizer);
      StreamMetrics metrics = new StreamMetrics(new SimpleMeterRegistry());
      TokenizerStreamConfig config =
          new TokenizerStreamConfig(
              KafkaConnection.of("unused:9092", "http://unused").withTopicPrefix("t"),
              null,
              recipe,
              0,
              1,
              null,
              "127.0.0.1",
              -1);
      StreamTopics topics =
          new StreamTopics(
              "t.docs",
              PlainAvro.deserializer(RawDocument.class),
              "t.examples",
              "t.examples.eval",
              PlainAvro.serializer(),
              "t.docs.dlq");
      List<PretrainingExample> examples = new ArrayList<>();
      try (TopologyTestDriver driver =
          new TopologyTestDriver(
              TokenizerTopology.build(recipe, topics, pieces, metrics),
              StreamsSettings.properties(config, metrics))) {
        TestInputTopic<String, byte[]> docs =
            driver.createInputTopic("t.docs", new StringSerializer(), new ByteArraySerializer());
        for (RawDocument document : documents) {
          docs.pipeInput(
              document.getId(),
              PlainAvro.<RawDocument>serializer().serialize("t.docs", document),
              Instant.EPOCH);
        }
        for (String topic : List.of("t.examples", "t.examples.eval")) {
          examples.addAll(
              driver
                  .createOutputTopic(
                      topic,
                      new StringDeserializer(),
                      PlainAvro.deserializer(PretrainingExample.class))
                  .readValuesToList());
        }
      }
      new ExampleChecks(recipe, pieces, documents).assertAll(examples);
    }
  }
}
