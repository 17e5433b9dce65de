"""The profile as PDF: WeasyPrint prints the HTML profile (A4, page numbers, a contents list
with page numbers). WeasyPrint needs Debian's Pango (`make pango`); without it the error says so."""

from __future__ import annotations

from typing import Any

from ..errors import ProxyatlasError
from .html import render_html


def render_pdf(profile: dict[str, Any]) -> bytes:
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:
        raise ProxyatlasError(f"PDF output needs WeasyPrint and the Pango library ({exc}); run `make pango` "
                              "(apt-get install libpango-1.0-0 libpangoft2-1.0-0) and "
                              "`pip install 'proxyatlas'`, or use --format md|html") from exc
    return HTML(string=render_html(profile, for_print=True)).write_pdf()
