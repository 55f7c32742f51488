"""The report stage: the analyst's HTML page, analysis.json and the machine-readable exports.

``render_report(doc)`` turns an analysis.json document into one self-contained HTML file;
``write_report(analysis, out_dir)`` writes every output of an analysis.
"""

from narratrace.document import ReportOptions
from narratrace.report.exports import write_report
from narratrace.report.html import render_report, render_report_from_json

__all__ = ["ReportOptions", "render_report", "render_report_from_json", "write_report"]
