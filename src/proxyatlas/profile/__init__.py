"""Actor dossiers: everything the store holds about one actor, as sourced sentences.

    from proxyatlas.profile import build_profile, render
    profile = build_profile(store, "Hezbollah", as_of="2024-01-01")   # data: sections, footnotes
    render(profile, "pdf")                                            # bytes; "md" and "html" give str

`facts` reads the store, `compose` words it with the templates of `templates` (data files,
one per section and language), and `markdown`, `html`, `pdf` write it.
"""

from __future__ import annotations

from typing import Any

from ..errors import ProxyatlasError
from ..store import Store
from .compose import compose
from .facts import gather
from .templates import load_templates

FORMATS = ("md", "html", "pdf")


def build_profile(store: Store, actor: str, *, as_of: str | None = None, min_sources: int | None = None,
                  language: str = "en") -> dict[str, Any]:
    """The profile of `actor` (id or any alias) as data; ProxyatlasError names an unknown actor."""
    templates = load_templates(language)
    return compose(gather(store, actor, as_of=as_of, min_sources=min_sources), templates)


def render(profile: dict[str, Any], fmt: str) -> str | bytes:
    if fmt == "md":
        from .markdown import render_markdown

        return render_markdown(profile)
    if fmt == "html":
        from .html import render_html

        return render_html(profile)
    if fmt == "pdf":
        from .pdf import render_pdf

        return render_pdf(profile)
    raise ProxyatlasError(f"unknown profile format {fmt!r}; choose one of {', '.join(FORMATS)}")
