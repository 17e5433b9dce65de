"""Seconds per 1,000 words for `extract` once the model is loaded, on the bundled examples.

    python bench/extract_speed.py [--repeat N]

Prints a table: bare spaCy (the same pipeline, the baseline, measured in the same run) and
the full proxyatlas extraction, each as seconds per 1,000 words and as a ratio.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from proxyatlas.api import extract_file
from proxyatlas.nlp.pipeline import load_nlp
from proxyatlas.readers import read_document
from proxyatlas.registry import load_registry

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    paths = sorted(p for p in EXAMPLES.iterdir() if p.suffix in {".txt", ".md", ".html", ".pdf"})
    texts = [read_document(p).text for p in paths]
    words = sum(len(t.split()) for t in texts) * args.repeat
    nlp = load_nlp()
    load_registry()
    extract_file(paths[0])  # warm caches: lexicons, gazetteer
    start = time.perf_counter()
    for _ in range(args.repeat):
        for text in texts:
            nlp(text)
    spacy_s = time.perf_counter() - start
    start = time.perf_counter()
    for _ in range(args.repeat):
        for path in paths:
            extract_file(path)
    extract_s = time.perf_counter() - start
    print(f"{'run':<24}{'s / 1,000 words':>16}{'ratio to spaCy':>16}")
    print(f"{'bare spaCy (baseline)':<24}{spacy_s / words * 1000:>16.3f}{1.0:>16.2f}")
    print(f"{'proxyatlas extract':<24}{extract_s / words * 1000:>16.3f}{extract_s / spacy_s:>16.2f}")
    print(f"({len(paths)} documents x {args.repeat} = {words:,} words)")


if __name__ == "__main__":
    main()
