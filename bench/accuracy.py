#!/usr/bin/env python3
"""Score extraction on an evaluation set in one process (the spaCy model loads once).

    python bench/accuracy.py [--set DIR ...] [--out DIR] [--verbose] [--only NAME_PREFIX]

Same inputs, same outputs and the same scorer (`score.py` beside the set) as
`../shared/eval/evaluate.py`, which starts one `proxyatlas extract` per document; this runs
the API's `extract_file` on each document instead, so a whole set scores in seconds. Several
--set flags score each set in turn (default: the dev and wide sets of ../shared/eval).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"


def _extract_set(set_dir: Path, out: Path, only: str | None) -> int:
    from proxyatlas.api import extract_file

    failures = 0
    for gold in sorted(set_dir.glob("*.gold.json")):
        name = gold.name[: -len(".gold.json")]
        if only and not name.startswith(only):
            continue
        meta_path = set_dir / f"{name}.meta.json"
        meta = json.loads(meta_path.read_text()) if meta_path.exists() else {}
        try:
            result = extract_file(set_dir / f"{name}.txt", **{k: str(meta[k]) for k in ("published", "source", "title")
                                                               if meta.get(k)})
        except Exception as exc:  # noqa: BLE001 - a failing document scores as empty, as in evaluate.py
            failures += 1
            print(f"{name}: failed: {exc}", file=sys.stderr)
            continue
        (out / f"{name}.json").write_text(json.dumps(result.to_json(), ensure_ascii=False))
    return failures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", action="append", dest="sets")
    ap.add_argument("--out")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--only", help="score only the documents whose name starts with this")
    args = ap.parse_args(argv)
    sets = [Path(s) for s in args.sets or [EVAL / "dev", EVAL / "wide"]]
    for set_dir in sets:
        sys.path.insert(0, str(set_dir.parent))
        import score  # the scorer that ships with the evaluation sets

        out = Path(args.out) / set_dir.name if args.out else Path(tempfile.mkdtemp(prefix="proxyatlas-acc-"))
        out.mkdir(parents=True, exist_ok=True)
        failures = _extract_set(set_dir, out, args.only)
        if not args.json:
            print(f"== {set_dir.name} ({out})")
        flags = [str(set_dir), str(out)] + (["--verbose"] if args.verbose else []) + (["--json"] if args.json else [])
        if args.only:  # score only the extracted documents
            gold_only = Path(tempfile.mkdtemp(prefix="proxyatlas-gold-"))
            for gold in set_dir.glob(f"{args.only}*.gold.json"):
                (gold_only / gold.name).write_text(gold.read_text())
            flags[0] = str(gold_only)
        score.main(flags)
        if failures:
            print(f"{failures} document(s) failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
