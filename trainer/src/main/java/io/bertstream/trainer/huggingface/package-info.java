/**
 * HuggingFace interoperability for the model: safetensors files read and written one tensor at a
 * time with 64-bit offsets (any file size, sharded or not), HuggingFace's BERT {@code config.json},
 * and the import of a HuggingFace BERT directory into {@link
 * io.bertstream.trainer.model.BertForPreTraining}. Nothing here reads a whole weights file into
 * memory: each tensor is memory-mapped, copied once to the host buffer that becomes its array, and
 * released.
 */
package io.bertstream.trainer.huggingface;
