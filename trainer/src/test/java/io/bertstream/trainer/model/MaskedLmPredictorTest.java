package io.bertstream.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaskedLmPredictorTest {

  @Test
  void shouldReturnTheMostProbableTokensFirstWithSoftmaxProbabilities() {
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      var logits =
          manager.create(
              new float[] {
                (float) Math.log(0.1), (float) Math.log(0.2),
                (float) Math.log(0.3), (float) Math.log(0.4)
              });
      List<MaskedLmPredictor.Prediction> top = MaskedLmPredictor.topK(logits, 2);
      assertThat(top).extracting(MaskedLmPredictor.Prediction::tokenId).containsExactly(3, 2);
      assertThat(top.get(0).probability()).isCloseTo(0.4f, within(1e-6f));
      assertThat(top.get(1).probability()).isCloseTo(0.3f, within(1e-6f));
      assertThat(MaskedLmPredictor.topK(logits, 10)).hasSize(4);
    }
  }

  @Test
  void shouldPredictEachRequestedPositionOfASequence() {
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      Engine.getEngine("PyTorch").setRandomSeed(3);
      BertForPreTraining model = new BertForPreTraining(BertConfig.preset("tiny", 30));
      model.initialize(manager);
      var predictions =
          new MaskedLmPredictor(model)
              .predict(manager, new int[] {2, 4, 1, 5, 3}, new int[5], new int[] {2, 3}, 3);
      assertThat(predictions).hasSize(2);
      assertThat(predictions.get(0)).hasSize(3);
      float sum = 0;
      for (var p : predictions.get(0)) {
        sum += p.probability();
      }
      assertThat(sum).isBetween(0f, 1f);
      assertThat(predictions.get(0).get(0).probability())
          .isGreaterThanOrEqualTo(predictions.get(0).get(1).probability());
    }
  }
}
