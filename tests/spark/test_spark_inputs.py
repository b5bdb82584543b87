"""The Spark job's read stage: what is left for the extraction tasks (no Spark needed)."""

from __future__ import annotations

from pathlib import Path

from onrecord.readers import read_inputs
from onrecord.spark.inputs import raw_document, read_warc_file
from warc_files import ARTICLES, article, http, page, write_warc


def test_spark_warc_pages_keep_their_html_for_the_extraction_tasks(tmp_path: Path) -> None:
    """Taking a page's text out is the costly part: the read stage (one task per file)
    leaves it to the extraction tasks, and what they make of it is what extract reads."""
    crawl = tmp_path / "crawl.warc.gz"
    block = len(http(page(*ARTICLES[1][1:3], None).encode()))
    write_warc(crawl, [article(0), article(1, length=block + 500), article(2)], gz=True)
    rows = list(read_warc_file((f"file:{crawl}", crawl.read_bytes())))
    pages = [row for row in rows if row[5]]
    assert len(pages) == 2 and all("</p>" in row[1] for row in pages)
    assert [row[3] for row in rows if not row[5]] == ["E012"]  # damage: an error row at once
    assert [raw_document(row) for row in rows] == list(read_inputs([crawl]))
