package io.bertstream.stream.recipe;

/**
 * One finished example before it becomes an Avro record.
 *
 * @param index the example's number within its document ({@code <doc id>/<index>})
 * @param inputIds {@code [CLS] A [SEP] B [SEP]} after masking
 * @param segmentBStart index of B's first token
 */
public record ExampleDraft(
    int index,
    int[] inputIds,
    int segmentBStart,
    int[] maskedPositions,
    int[] maskedLabels,
    boolean randomNext,
    String bDocId) {}
