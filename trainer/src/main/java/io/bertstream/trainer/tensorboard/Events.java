package io.bertstream.trainer.tensorboard;

import com.google.protobuf.ByteString;
import io.bertstream.trainer.tensorboard.proto.DataType;
import io.bertstream.trainer.tensorboard.proto.Event;
import io.bertstream.trainer.tensorboard.proto.SessionLog;
import io.bertstream.trainer.tensorboard.proto.SourceMetadata;
import io.bertstream.trainer.tensorboard.proto.Summary;
import io.bertstream.trainer.tensorboard.proto.SummaryMetadata;
import io.bertstream.trainer.tensorboard.proto.TensorProto;
import io.bertstream.trainer.tensorboard.proto.TensorShapeProto;

/**
 * The events the trainer writes, shaped as TensorBoard's own summary functions shape them ({@code
 * scalar_pb}, {@code text_pb}): a value is a scalar tensor with the plugin that shows it named in
 * its metadata, on every event (readers take a tag's metadata from its first).
 */
final class Events {

  /** The first event of every file says this; readers take it as the current format. */
  static final String FILE_VERSION = "brain.Event:2";

  static final String SCALARS_PLUGIN = "scalars";
  static final String TEXT_PLUGIN = "text";

  private Events() {}

  /** The first event of a file, naming the format and the program that wrote it. */
  static Event fileVersion(double wallTime, String writer) {
    return Event.newBuilder()
        .setWallTime(wallTime)
        .setFileVersion(FILE_VERSION)
        .setSourceMetadata(SourceMetadata.newBuilder().setWriter(writer))
        .build();
  }

  /**
   * The run (re)starts at {@code step}: readers drop what earlier files logged at {@code step} or
   * later, as TensorBoard does after a restart.
   */
  static Event sessionStart(double wallTime, long step) {
    return Event.newBuilder()
        .setWallTime(wallTime)
        .setStep(step)
        .setSessionLog(SessionLog.newBuilder().setStatus(SessionLog.SessionStatus.START))
        .build();
  }

  /** A point of the scalar time series {@code tag}, as a float32 like TensorBoard's. */
  static Event scalar(double wallTime, long step, String tag, float value) {
    TensorProto tensor =
        TensorProto.newBuilder()
            .setDtype(DataType.DT_FLOAT)
            .setTensorShape(TensorShapeProto.getDefaultInstance())
            .addFloatVal(value)
            .build();
    return summary(wallTime, step, tag, tensor, SCALARS_PLUGIN);
  }

  /** A text (markdown) at {@code step} under {@code tag}, as TensorBoard's text plugin shows it. */
  static Event text(double wallTime, long step, String tag, String text) {
    TensorProto tensor =
        TensorProto.newBuilder()
            .setDtype(DataType.DT_STRING)
            .setTensorShape(TensorShapeProto.getDefaultInstance())
            .addStringVal(ByteString.copyFromUtf8(text))
            .build();
    return summary(wallTime, step, tag, tensor, TEXT_PLUGIN);
  }

  private static Event summary(
      double wallTime, long step, String tag, TensorProto tensor, String plugin) {
    SummaryMetadata metadata =
        SummaryMetadata.newBuilder()
            .setPluginData(SummaryMetadata.PluginData.newBuilder().setPluginName(plugin))
            .build();
    Summary.Value value =
        Summary.Value.newBuilder().setTag(tag).setTensor(tensor).setMetadata(metadata).build();
    return Event.newBuilder()
        .setWallTime(wallTime)
        .setStep(step)
        .setSummary(Summary.newBuilder().addValue(value))
        .build();
  }
}
