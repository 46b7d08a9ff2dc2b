"""The visit summary: what changed over a period, as a page, a chart and a PDF."""
