"""Article records in, annotated records out: what ``cleaner dedup`` works on."""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from .cluster import Thresholds
from .engine import Params, Result, find_duplicates
from .minhash import normalize


def read_records(data: bytes, path: str | None = None, encoding: str | None = None) -> list[dict[str, Any]]:
    """Records from one input: JSON lines (``.jsonl``/``.ndjson``, or data that starts with
    ``{``), else a raw page, cleaned with :func:`cleaner.clean_bytes` and split into records."""
    from ..errors import CleanerError
    from ..io import loads_json

    if (path or "").endswith((".jsonl", ".ndjson")) or data.lstrip()[:1] == b"{":
        try:
            # (lines end at ``\n`` only: ``splitlines`` also cuts at U+2028, U+0085 and form
            # feeds, which JSON strings may hold raw, and cleaner's own JSONL output does)
            lines = data.decode("utf-8-sig").split("\n")
        except UnicodeDecodeError as err:
            raise CleanerError(f"JSON lines must be UTF-8 (byte {err.start})", path) from None
        out = []
        for n, line in enumerate(lines, 1):
            if line.strip():
                why = "not a JSON object"
                try:
                    rec = loads_json(line)
                except json.JSONDecodeError as err:
                    rec, why = None, f"{err.msg} (column {err.colno})"
                except ValueError as err:  # (a number of over 4,300 digits)
                    rec, why = None, str(err)
                except RecursionError:
                    rec, why = None, "nested too deeply"
                if isinstance(rec, dict) and "\\u" in line:  # (only an escape can make a lone surrogate)
                    try:
                        json.dumps(rec, ensure_ascii=False).encode("utf-8")
                    except UnicodeEncodeError:  # a lone surrogate (``\ud800``): no UTF-8 can carry it
                        rec, why = None, "a string holds a lone surrogate"
                if not isinstance(rec, dict):
                    raise CleanerError(f"malformed JSONL line: {why}", f"{path or '<stdin>'}:{n}")
                out.append(rec)
        return out
    from ..api import clean_bytes

    return [a.to_dict() for a in clean_bytes(data, encoding=encoding, path=path).articles]


def record_text(rec: Mapping[str, Any]) -> str:
    """The body that is compared: ``text``, else the joined ``paragraphs``, without the
    dateline. The title and dateline are left out on purpose: a reprint usually carries a new
    headline and another paper's dateline (本报讯 for 新华社…电), and two unrelated notices by one
    reporter share a long one.

    >>> record_text({"title": "春耕", "dateline": "本报讯（记者 王五）", "text": "本报讯（记者 王五）春耕忙。"})
    '春耕忙。'
    """
    text = rec.get("text")
    if not (isinstance(text, str) and text):
        paras = rec.get("paragraphs")
        text = "\n".join(p for p in paras if isinstance(p, str)) if isinstance(paras, list) else ""
    dateline = rec.get("dateline")
    if isinstance(dateline, str) and dateline and text.startswith(dateline):
        text = text[len(dateline):]
    return text


def record_keys(records: Sequence[Mapping[str, Any]]) -> tuple[list[str], bool]:
    """A unique key per record: its ``id`` when ids are unique across the input (``cleaner
    clean`` numbers records per page, r1, r2, …), else ``path#id``, else ``#index``. The flag
    says whether keys differ from ids (then output records carry a ``key`` field)."""
    ids = [r.get("id") for r in records]
    if all(isinstance(i, str) for i in ids) and len(set(ids)) == len(ids):
        return ids, False  # type: ignore[return-value]
    keys = []
    for n, r in enumerate(records):
        src = r.get("source") if isinstance(r.get("source"), Mapping) else {}
        keys.append(f"{src.get('path') or ''}#{r.get('id', n)}")  # type: ignore[union-attr]  # src is a Mapping (the isinstance above)
    if len(set(keys)) != len(keys):
        keys = [f"#{n}" for n in range(len(records))]
    return keys, True


def dedup_records(
    records: Sequence[dict[str, Any]],
    params: Params = Params(),
    thresholds: Thresholds | None = None,
    *,
    keep: str | None = None,
    engine: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
) -> tuple[list[dict[str, Any]], Result]:
    """Annotate every record with ``cluster_id``, ``duplicate_of`` (the representative's key,
    None for a representative), ``similarity`` and ``containment`` against it; with ``keep``
    ("first" or "longest") return only the representatives, chosen by that rule."""
    texts = [normalize(record_text(r)) for r in records]
    result = find_duplicates(
        texts, params, thresholds, keep=keep or "first", engine=engine, workers=workers, scheduler=scheduler
    )
    c = result.clusters
    keys, add_key = record_keys(records)
    out = []
    for i, rec in enumerate(records):
        if keep and c.rep[i] != i:
            continue
        rec = dict(rec)
        if add_key:
            rec["key"] = keys[i]
        rec["cluster_id"] = c.cluster[i]
        rec["duplicate_of"] = None if c.rep[i] == i else keys[c.rep[i]]
        rec["similarity"] = c.similarity[i]
        rec["containment"] = c.containment[i]
        out.append(rec)
    return out, result


def report(result: Result, n: int) -> str:
    """Cluster statistics, for ``--report``."""
    sizes = Counter(len(g) for g in result.clusters.groups())
    multi = {s: k for s, k in sizes.items() if s > 1}
    dups = sum((s - 1) * k for s, k in multi.items())
    hist = ", ".join(f"{s}:{k}" for s, k in sorted(multi.items())) or "none"
    t = result.timings
    return (
        f"records: {n}\n"
        f"clusters: {sum(sizes.values())} ({sum(multi.values())} with reprints)\n"
        f"duplicates: {dups}\n"
        f"largest cluster: {max(sizes) if sizes else 0}\n"
        f"cluster sizes (size:count): {hist}\n"
        f"candidate pairs: {result.lsh_candidates} from LSH, {result.candidates} after the prefilter, "
        f"{result.verified} verified\n"
        f"seconds: candidates {t.get('candidates', 0):.2f}, verify {t.get('verify', 0):.2f}, "
        f"cluster {t.get('cluster', 0):.2f}\n"
    )
