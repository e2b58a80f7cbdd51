#!/usr/bin/env python3
"""Tokenizer fixtures written by HuggingFace transformers, and a check of directories bertstream writes.

The Java suite never runs Python: it reads what `generate` wrote once and committed. `check` is for a
person (or CI with transformers installed) who wants transformers itself to load a directory that
`HuggingFaceTokenizerFiles` wrote.

  python scripts/hf-fixtures/tokenizer_fixtures.py generate
      trains two small WordPiece vocabularies (uncased and cased) on the first State of the Union
      addresses plus a few multilingual lines, and writes under
      tokenizer/src/test/resources/huggingface/:
        uncased/, cased/       BertTokenizerFast.save_pretrained (tokenizer.json + tokenizer_config.json)
        vocab-only-keep-accents/
                               the legacy Python BertTokenizer's save_pretrained of the uncased
                               vocabulary with strip_accents=False (vocab.txt + tokenizer_config.json)
        expected.json          the fixture sentences and, for each directory, the ids AutoTokenizer
                               gives them, its special tokens and casing
  python scripts/hf-fixtures/tokenizer_fixtures.py check DIR --like uncased
      loads DIR with AutoTokenizer and checks that it is a BERT tokenizer with the special tokens,
      casing and ids that expected.json records for the named fixture; exits 1 on any difference.

Regenerating retrains the vocabularies (HuggingFace breaks ties by hash, so ids may move) and
rewrites every fixture together; the Java tests read them all from expected.json.
"""

import argparse
import gzip
import itertools
import json
import pathlib
import re
import sys

import tokenizers
import transformers
from tokenizers import BertWordPieceTokenizer
from transformers import AutoTokenizer, BertTokenizerFast

ROOT = pathlib.Path(__file__).resolve().parents[2]
DEFAULT_OUT = ROOT / "tokenizer" / "src" / "test" / "resources" / "huggingface"
DEFAULT_CORPUS = ROOT / "corpora" / "sotu.jsonl.gz"
SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
SPECIAL_ROLES = ["cls_token", "mask_token", "pad_token", "sep_token", "unk_token"]
MODEL_MAX_LENGTH = 512

# Accents, punctuation, CJK, casing, odd whitespace and control characters, special tokens in text.
SENTENCES = [
    "The Union is strong.",
    "Hello, World! How are you?",
    "THE PRESIDENT SPOKE TO CONGRESS",
    "Fellow-Citizens of the Senate and House of Representatives:",
    "Café, naïve, résumé, Über, São Paulo, Zürich, façade",
    "combining accent: cafe\u0301 and precomposed: café",
    "北京是中国的首都。",
    "日本語のテキスト、カタカナ。",
    "한국어 문장",
    "Mixed中文and English",
    "don't won't it's the people's",
    "$3.50 costs 100% more — really?! (yes) [maybe] {no}",
    "\u201cQuoted\u201d \u2018single\u2019 \u00abguillemets\u00bb",
    "U.S.A. e.g. i.e. etc.",
    "tabs\tand\nnewlines\r\n and  double  spaces",
    "non\u00a0breaking\u2003spaces",
    "control\u0000chars\u0007here\ufffdand\u200bzero width",
    "emoji \U0001F1FA\U0001F1F8 \U0001F642 are unknown",
    "a" * 120,
    "Supercalifragilisticexpialidocious antidisestablishmentarianism",
    "1776 1865 2001 3.14159",
    "",
    "   ",
    "[MASK] and [CLS] typed in text, [mask] in lower case",
    "Ελληνικά και русский текст",
    "\ufb01 ligature and \u216b roman numeral",
    "İstanbul ß Straße ǅ",
]

# Lines that put the accented and CJK characters above into the vocabularies.
EXTRA_TRAINING_LINES = [
    "Café naïve résumé Über São Paulo Zürich façade café café naïve",
    "北京是中国的首都。中国 北京 首都 中文 日本語 テキスト カタカナ",
    "Ελληνικά και русский текст Straße İstanbul",
]


def corpus_texts(corpus, documents):
    with gzip.open(corpus, "rt", encoding="utf-8") as lines:
        for line in itertools.islice(lines, documents):
            yield json.loads(line)["text"]
    for _ in range(30):
        yield from EXTRA_TRAINING_LINES


def train_vocab(corpus, documents, lowercase, vocab_size):
    trainer = BertWordPieceTokenizer(
        clean_text=True, handle_chinese_chars=True, strip_accents=None, lowercase=lowercase
    )
    trainer.train_from_iterator(
        corpus_texts(corpus, documents),
        vocab_size=vocab_size,
        min_frequency=2,
        limit_alphabet=400,
        special_tokens=SPECIALS,
    )
    vocab = trainer.get_vocab()
    return dict(sorted(vocab.items(), key=lambda item: item[1]))


def describe(directory):
    tokenizer = AutoTokenizer.from_pretrained(str(directory))
    return tokenizer, {
        "class": type(tokenizer).__name__,
        "do_lower_case": getattr(tokenizer, "do_lower_case", None),
        "special_tokens_map": {role: tokenizer.special_tokens_map.get(role) for role in SPECIAL_ROLES},
        "special_ids": {role: getattr(tokenizer, role + "_id") for role in SPECIAL_ROLES},
        "vocab_size": len(tokenizer),
        "ids": [tokenizer(text, add_special_tokens=False)["input_ids"] for text in SENTENCES],
        "ids_with_special_tokens": [tokenizer(text)["input_ids"] for text in SENTENCES],
    }


def generate(args):
    from transformers.models.bert.tokenization_bert_legacy import BertTokenizerLegacy

    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    uncased = train_vocab(args.corpus, args.documents, True, args.vocab_size)
    cased = train_vocab(args.corpus, args.documents, False, args.vocab_size)
    BertTokenizerFast(vocab=uncased, do_lower_case=True, model_max_length=MODEL_MAX_LENGTH).save_pretrained(
        str(out / "uncased")
    )
    BertTokenizerFast(vocab=cased, do_lower_case=False, model_max_length=MODEL_MAX_LENGTH).save_pretrained(
        str(out / "cased")
    )
    vocab_txt = out / "uncased-vocab.txt.tmp"
    vocab_txt.write_text("".join(token + "\n" for token in uncased), encoding="utf-8")
    try:
        BertTokenizerLegacy(
            str(vocab_txt), do_lower_case=True, strip_accents=False, model_max_length=MODEL_MAX_LENGTH
        ).save_pretrained(str(out / "vocab-only-keep-accents"))
    finally:
        vocab_txt.unlink()
    expected = {
        "transformers": transformers.__version__,
        "tokenizers": tokenizers.__version__,
        "sentences": SENTENCES,
        "fixtures": {},
    }
    for name in ["uncased", "cased", "vocab-only-keep-accents"]:
        expected["fixtures"][name] = describe(out / name)[1]
    text = json.dumps(expected, indent=1, ensure_ascii=False)
    # One line per id list keeps the file short and its diffs readable.
    text = re.sub(r"\[[\d,\s]*\]", lambda ids: re.sub(r"\s+", "", ids.group(0)).replace(",", ", "), text)
    (out / "expected.json").write_text(text + "\n", encoding="utf-8")
    print(f"wrote {out} with transformers {transformers.__version__}")


def check(args):
    expected = json.loads((args.fixtures / "expected.json").read_text(encoding="utf-8"))
    want = expected["fixtures"][args.like]
    tokenizer, got = describe(args.directory)
    problems = []
    if got["class"] != "BertTokenizer":
        problems.append(f"AutoTokenizer made a {got['class']}, not a BertTokenizer")
    for key in ["do_lower_case", "special_tokens_map", "special_ids", "vocab_size"]:
        if got[key] != want[key]:
            problems.append(f"{key}: {got[key]} but {args.like} has {want[key]}")
    for key in ["ids", "ids_with_special_tokens"]:
        for text, mine, theirs in zip(expected["sentences"], got[key], want[key]):
            if mine != theirs:
                problems.append(f"{key} of {text!r}: {mine} but {args.like} gives {theirs}")
    print(
        f"{args.directory}: {got['class']}, do_lower_case={got['do_lower_case']},"
        f" {got['special_tokens_map']} ids {got['special_ids']}, {got['vocab_size']} tokens"
    )
    print(f"decoded: {tokenizer.decode(got['ids_with_special_tokens'][0])!r}")
    for problem in problems:
        print("MISMATCH " + problem)
    if problems:
        return 1
    print(f"ok: {len(expected['sentences'])} sentences give the ids transformers gives for {args.like}")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    gen = commands.add_parser("generate", help="write the fixtures")
    gen.add_argument("--corpus", type=pathlib.Path, default=DEFAULT_CORPUS)
    gen.add_argument("--documents", type=int, default=20, help="State of the Union addresses to train on")
    gen.add_argument("--vocab-size", type=int, default=2000)
    gen.add_argument("--out", type=pathlib.Path, default=DEFAULT_OUT)
    chk = commands.add_parser("check", help="load a directory with AutoTokenizer and compare")
    chk.add_argument("directory", type=pathlib.Path)
    chk.add_argument("--like", required=True, help="uncased, cased or vocab-only-keep-accents")
    chk.add_argument("--fixtures", type=pathlib.Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    if args.command == "generate":
        generate(args)
        return 0
    return check(args)


if __name__ == "__main__":
    sys.exit(main())
