"""Ranked matches as one self-contained HTML page to scan: a compact row per match, its
reasons folded beneath, sortable and filterable in the page.

The page loads nothing from anywhere, and its Content-Security-Policy allows only its own
inline script (by hash), so an escaping slip still could not run an injected script.
"""

from jobmatch.report.assets import CONTENT_SECURITY_POLICY
from jobmatch.report.page import render_report
from jobmatch.report.values import format_salary, reason_kind, safe_url

__all__ = ["CONTENT_SECURITY_POLICY", "format_salary", "reason_kind", "render_report", "safe_url"]
