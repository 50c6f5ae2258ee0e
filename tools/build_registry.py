"""Build a board registry (jobmatch/data/boards.csv format) from local copies of the public
registries, and THIRD_PARTY_NOTICES.md beside it.

    python tools/build_registry.py --jobseek ../jobseek --freehire ../freehire \\
        --ats-scrapers ../ats-scrapers --out build/boards.csv

Each path may be the repository root or its data folder (jobseek also takes its boards.csv).
The same inputs give the same output byte for byte.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from jobmatch.boards.build import ATS_SCRAPERS, FREEHIRE, JOBSEEK, build
from jobmatch.boards.registry import RegistryError
from jobmatch.boards.update import local_upstream, write_registry


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--jobseek", type=Path, help="colophon-group/jobseek checkout or its boards.csv")
    p.add_argument("--jobseek-commit", default="", help="the jobseek commit, for the notices")
    p.add_argument("--freehire", type=Path, help="strelov1/freehire checkout or its sources/")
    p.add_argument("--freehire-commit", default="", help="the freehire commit, for the notices")
    p.add_argument(
        "--ats-scrapers", type=Path, help="kalil0321/ats-scrapers checkout or its ats-companies/"
    )
    p.add_argument(
        "--ats-scrapers-commit", default="", help="the ats-scrapers commit, for the notices"
    )
    p.add_argument(
        "--india-evidence",
        type=Path,
        action="append",
        default=[],
        metavar="CSV",
        help="type,token,hires_in_india[,instance,site,evidence,hq_country] rows to apply "
        "after merging (repeatable; later files win)",
    )
    p.add_argument("--out", type=Path, required=True, help="the boards.csv to write")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    given = [
        (JOBSEEK, args.jobseek, args.jobseek_commit),
        (FREEHIRE, args.freehire, args.freehire_commit),
        (ATS_SCRAPERS, args.ats_scrapers, args.ats_scrapers_commit),
    ]
    try:
        upstreams = [
            local_upstream(name, path, commit=commit) for name, path, commit in given if path
        ]
        if not upstreams:
            raise RegistryError("give at least one of --jobseek, --freehire, --ats-scrapers")
        evidence = [(str(path), path.read_text(encoding="utf-8")) for path in args.india_evidence]
        result = build(upstreams, evidence)
        write_registry(args.out, result)
    except (RegistryError, OSError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print("\n".join(result.report_lines()))
    print(f"wrote {args.out} and {args.out.parent / 'THIRD_PARTY_NOTICES.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
