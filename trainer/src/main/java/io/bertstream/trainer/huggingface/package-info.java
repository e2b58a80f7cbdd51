/**
 * HuggingFace interoperability for the model: safetensors files read and written one tensor at a
 * time with 64-bit offsets (any file size, sharded or not), HuggingFace's BERT {@code config.json},
 * and the import of a HuggingFace BERT directory into {@link
 * io.bertstream.trainer.model.BertForPreTraining}. Nothing here reads a whole weights file into
 * memory: each tensor is read with positioned reads straight into the tensor that holds it, and
 * written from a host tensor's own memory.
 */
package io.bertstream.trainer.huggingface;
