#!/usr/bin/env python3
"""Loads a model directory bertstream wrote with transformers itself and prints its fill-mask guesses.

For a person checking a checkpoint (`step-NNNNNNNNNN/`) or an export (`bertstream export`) against
the reference implementation; the Java suite never runs it.

  python scripts/hf-fixtures/check_model_dir.py DIR [--probe TEXT]... [--top-k K]

loads DIR with AutoModelForPreTraining, AutoModelForMaskedLM, AutoTokenizer and pipeline("fill-mask"),
checks that the two models' masked-LM logits agree, and prints one JSON object per probe in the shape
`bertstream fill-mask --format json` prints:

  {"text": ..., "masks": [[{"token": ..., "id": ..., "probability": ...}, ...], ...]}

The guesses are the pipeline's top K over the whole vocabulary (bertstream leaves special tokens
out of its list, so compare by token id). The first line printed is a JSON summary of what loaded.
Exits 1 when a class refuses the directory or the two models disagree.
"""

import argparse
import json
import sys

import torch
import transformers
from transformers import AutoModelForMaskedLM, AutoModelForPreTraining, AutoTokenizer, pipeline

DEFAULT_PROBES = ["the [MASK] of the union", "we [MASK] the people of the [MASK] states"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory")
    parser.add_argument("--probe", action="append", help="text with [MASK] (repeatable)")
    parser.add_argument("--top-k", type=int, default=10)
    args = parser.parse_args()
    probes = args.probe or DEFAULT_PROBES

    tokenizer = AutoTokenizer.from_pretrained(args.directory)
    pretraining = AutoModelForPreTraining.from_pretrained(args.directory).eval()
    masked_lm = AutoModelForMaskedLM.from_pretrained(args.directory).eval()
    fill = pipeline("fill-mask", model=args.directory, tokenizer=args.directory, device="cpu")

    with torch.no_grad():
        batch = tokenizer(probes, return_tensors="pt", padding=True)
        a = pretraining(**batch).prediction_logits
        b = masked_lm(**batch).logits
    agreement = float((a - b).abs().max())
    print(
        json.dumps(
            {
                "directory": args.directory,
                "transformers": transformers.__version__,
                "torch": torch.__version__,
                "pretraining_class": type(pretraining).__name__,
                "masked_lm_class": type(masked_lm).__name__,
                "tokenizer_class": type(tokenizer).__name__,
                "mask_token": tokenizer.mask_token,
                "mask_token_id": tokenizer.mask_token_id,
                "do_lower_case": getattr(tokenizer, "do_lower_case", None),
                "pretraining_vs_masked_lm_max_abs_logit_diff": agreement,
            }
        )
    )
    if tokenizer.mask_token != "[MASK]" or agreement > 1e-5:
        print("the directory does not load as one consistent BERT", file=sys.stderr)
        return 1

    for probe in probes:
        out = fill(probe, top_k=args.top_k)
        per_mask = out if probe.count("[MASK]") > 1 else [out]
        masks = [
            [
                {"token": g["token_str"], "id": int(g["token"]), "probability": float(g["score"])}
                for g in guesses
            ]
            for guesses in per_mask
        ]
        print(json.dumps({"text": probe, "masks": masks}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
