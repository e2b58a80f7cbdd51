"""Writes the HuggingFace reference fixtures the trainer's Java tests read.

Run from the repository root with torch and transformers installed (see README.md):

    python scripts/hf-fixtures/generate.py

Everything is seeded, so a rerun with the same library versions rewrites the same bytes.
"""

import json
import os
import shutil
import struct
import sys

import torch
import transformers
import safetensors
from safetensors import safe_open
from safetensors.torch import save_file
from transformers import (
    BertConfig,
    BertForMaskedLM,
    BertForPreTraining,
    BertModel,
    BertTokenizer,
)

ROOT = os.path.join(
    os.path.dirname(os.path.abspath(__file__)),
    "..", "..", "trainer", "src", "test", "resources", "huggingface",
)
SEED = 20240614

# The trainer's special-token order, then real words and a few word pieces.
WORDS = """
the a an and or but of to in on at by for with from as is was are were be been it he she they
we you i this that these those there here what when where who which not no yes all some many
one two three first last new old good small large long little big time day year night morning
house city river road tree garden book letter word story music song water fire light sun moon
star cat dog my bird horse fish king queen child man woman friend teacher doctor said went came saw
made found took gave told asked walked ran wrote read sang
""".split()
PIECES = ["##s", "##ed", "##ing", "##ly", "##er"]
SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]

PAIRS = [
    ("the old king walked to the river", "he saw a fish in the water", 0),
    ("she wrote a letter", "the moon was large that night and the stars were many", 1),
    ("my friend read a book in the garden", "it was a good story", 0),
]


def tiny_config(**overrides):
    vocab = SPECIALS + WORDS + PIECES
    args = dict(
        vocab_size=len(vocab),
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=64,
        type_vocab_size=2,
        hidden_act="gelu",
        pad_token_id=0,
    )
    args.update(overrides)
    return BertConfig(**args)


def randomize(model):
    """Draws every weight, bias and LayerNorm scale so that no two tensors coincide."""
    generator = torch.Generator().manual_seed(SEED)
    with torch.no_grad():
        for name, p in model.named_parameters():
            noise = torch.randn(p.shape, generator=generator)
            if "LayerNorm.weight" in name:
                p.copy_(1.0 + 0.1 * noise)
            else:
                p.copy_(0.1 * noise)


def save(model, name, **kwargs):
    out = os.path.join(ROOT, name)
    model.save_pretrained(out, **kwargs)
    return out


def header_of(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
    return n, header


def layout(path):
    """The header as the file holds it, checked against safetensors' own reading."""
    n, header = header_of(path)
    tensors = {k: v for k, v in header.items() if k != "__metadata__"}
    with safe_open(path, "pt") as f:
        assert sorted(f.keys()) == sorted(tensors)
        for k in f.keys():
            s = f.get_slice(k)
            assert list(s.get_shape()) == tensors[k]["shape"], k
            assert s.get_dtype() == tensors[k]["dtype"], k
    return {
        "header_length": n,
        "file_size": os.path.getsize(path),
        "metadata": header.get("__metadata__"),
        "tensors": tensors,
    }


def write_vocab(directory):
    with open(os.path.join(directory, "vocab.txt"), "w", encoding="utf-8") as f:
        for token in SPECIALS + WORDS + PIECES:
            f.write(token + "\n")


def inputs(tokenizer):
    batch = tokenizer(
        [a for a, _, _ in PAIRS],
        [b for _, b, _ in PAIRS],
        padding=True,
        return_tensors="pt",
    )
    input_ids = batch["input_ids"].clone()
    labels = torch.full_like(input_ids, -100)
    generator = torch.Generator().manual_seed(SEED + 1)
    special = set(tokenizer.convert_tokens_to_ids(SPECIALS))
    for row in range(input_ids.shape[0]):
        candidates = [
            c for c in range(input_ids.shape[1]) if int(input_ids[row, c]) not in special
        ]
        order = torch.randperm(len(candidates), generator=generator).tolist()
        for i, k in enumerate(order[: max(2, len(candidates) * 15 // 100)]):
            c = candidates[k]
            labels[row, c] = input_ids[row, c]
            # BERT's 80/10/10, fixed here: mostly [MASK], one random word, one unchanged.
            if i == 0:
                input_ids[row, c] = tokenizer.mask_token_id
            elif i == 1 and row == 1:
                input_ids[row, c] = tokenizer.convert_tokens_to_ids("horse")
            elif i == 1 and row == 2:
                pass
            else:
                input_ids[row, c] = tokenizer.mask_token_id
    return {
        "input_ids": input_ids,
        "token_type_ids": batch["token_type_ids"],
        "attention_mask": batch["attention_mask"],
        "labels": labels,
        "next_sentence_label": torch.tensor([nsp for _, _, nsp in PAIRS]),
    }


def main():
    if os.path.isdir(ROOT):
        shutil.rmtree(ROOT)
    os.makedirs(ROOT)
    torch.manual_seed(SEED)

    model = BertForPreTraining(tiny_config()).eval()
    randomize(model)
    state = {k: v.detach().clone() for k, v in model.state_dict().items()}

    pretraining = save(model, "pretraining")
    write_vocab(pretraining)
    tokenizer = BertTokenizer(os.path.join(pretraining, "vocab.txt"), do_lower_case=True)

    # Same weights through the other architectures' save_pretrained.
    mlm = BertForMaskedLM(tiny_config(architectures=["BertForMaskedLM"])).eval()
    missing = mlm.load_state_dict(state, strict=False)
    assert not missing.missing_keys, missing
    save(mlm, "masked-lm")

    bare = BertModel(tiny_config(architectures=["BertModel"])).eval()
    bare_state = {k[len("bert."):]: v for k, v in state.items() if k.startswith("bert.")}
    missing = bare.load_state_dict(bare_state, strict=False)
    assert not missing.missing_keys, missing
    save(bare, "bare")

    save(model, "sharded", max_shard_size="40KB")

    # An untied decoder: the trainer ties it to the word embeddings, so this one is refused.
    untied = BertForPreTraining(tiny_config(tie_word_embeddings=False)).eval()
    untied.load_state_dict(state, strict=False)
    with torch.no_grad():
        untied.cls.predictions.decoder.weight.copy_(
            state["bert.embeddings.word_embeddings.weight"] + 0.01
        )
    save(untied, "untied")

    # Old-style names written directly: no "bert." prefix, LayerNorm gamma/beta, the tied decoder
    # stored explicitly, decoder.bias instead of predictions.bias, and a position_ids buffer.
    legacy = os.path.join(ROOT, "legacy")
    os.makedirs(legacy)
    shutil.copy(os.path.join(pretraining, "config.json"), legacy)
    legacy_state = {}
    for k, v in state.items():
        if k in ("cls.predictions.bias", "cls.predictions.decoder.weight"):
            continue
        name = k[len("bert."):] if k.startswith("bert.") else k
        name = name.replace("LayerNorm.weight", "LayerNorm.gamma").replace(
            "LayerNorm.bias", "LayerNorm.beta"
        )
        legacy_state[name] = v.contiguous().clone()
    legacy_state["cls.predictions.decoder.weight"] = state[
        "bert.embeddings.word_embeddings.weight"
    ].clone()
    legacy_state["embeddings.position_ids"] = torch.arange(64, dtype=torch.int64).unsqueeze(0)
    save_file(legacy_state, os.path.join(legacy, "model.safetensors"), metadata={"format": "pt"})

    # Reference outputs in eval mode (no dropout).
    batch = inputs(tokenizer)
    with torch.no_grad():
        out = model(**batch)
        ce = torch.nn.CrossEntropyLoss()
        mlm_loss = ce(out.prediction_logits.view(-1, model.config.vocab_size), batch["labels"].view(-1))
        nsp_loss = ce(out.seq_relationship_logits.view(-1, 2), batch["next_sentence_label"].view(-1))
        assert torch.allclose(out.loss, mlm_loss + nsp_loss)
    expected = {k: v.contiguous() for k, v in batch.items()}
    expected["prediction_logits"] = out.prediction_logits.contiguous()
    expected["seq_relationship_logits"] = out.seq_relationship_logits.contiguous()
    expected["loss"] = out.loss.reshape(())
    expected["mlm_loss"] = mlm_loss.reshape(())
    expected["nsp_loss"] = nsp_loss.reshape(())
    save_file(expected, os.path.join(ROOT, "expected.safetensors"), metadata={"format": "pt"})

    # Element types the reader widens or keeps, with their float32 values as torch computes them.
    values = torch.tensor(
        [0.0, -0.0, 1.0, -2.5, 0.1, 65504.0, 6.1035156e-05, 5.9604645e-08, 1e-40, 3.0e38,
         float("inf"), float("-inf"), 1.0 / 3.0],
        dtype=torch.float32,
    )
    dtypes = {
        "f32": values,
        "f16": values.to(torch.float16),
        "f16_as_f32": values.to(torch.float16).to(torch.float32),
        "bf16": values.to(torch.bfloat16),
        "bf16_as_f32": values.to(torch.bfloat16).to(torch.float32),
        "f64": values.to(torch.float64).reshape(13, 1),
        "i64": torch.tensor([[-(2**40), 0], [1, 2**62]], dtype=torch.int64),
        "i32": torch.tensor([-7, 0, 2**31 - 1], dtype=torch.int32),
        "u8": torch.tensor([0, 255], dtype=torch.uint8),
        "i8": torch.tensor([-128, 127], dtype=torch.int8),
        "bool": torch.tensor([True, False, True]),
        "scalar": torch.tensor(4.25),
    }
    save_file(dtypes, os.path.join(ROOT, "dtypes.safetensors"), metadata={"format": "pt"})

    layouts = {
        "pretraining/model.safetensors": layout(os.path.join(pretraining, "model.safetensors")),
        "dtypes.safetensors": layout(os.path.join(ROOT, "dtypes.safetensors")),
    }
    with open(os.path.join(ROOT, "layout.json"), "w", encoding="utf-8") as f:
        json.dump(layouts, f, indent=1, sort_keys=True)
        f.write("\n")

    sharded_files = sorted(p for p in os.listdir(os.path.join(ROOT, "sharded")) if p.endswith(".safetensors"))
    assert len(sharded_files) >= 2, sharded_files
    with open(os.path.join(ROOT, "versions.json"), "w", encoding="utf-8") as f:
        json.dump(
            {
                "python": sys.version.split()[0],
                "torch": torch.__version__,
                "transformers": transformers.__version__,
                "safetensors": safetensors.__version__,
                "seed": SEED,
            },
            f,
            indent=1,
        )
        f.write("\n")

    total = sum(
        os.path.getsize(os.path.join(d, name)) for d, _, names in os.walk(ROOT) for name in names
    )
    print(f"wrote {ROOT} ({total} bytes); shards: {sharded_files}")


if __name__ == "__main__":
    main()
