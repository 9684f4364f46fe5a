"""The final layer's orphan (an adjudicated sentence the article lost) is settled as the
final layer, and both the listing and a refusal say how (tryout: they told the
adjudicator only "final" could settle it, as if it were a colleague with a file)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from .test_cli_daily import newsmark, one_error_line

SAMPLE = Path(__file__).resolve().parent.parent / "sample_articles"
GONE = '"The volume is larger than anything we saw last year."'  # sentence 5


def test_the_final_layers_orphan_is_settled_as_the_final_layer(tmp_path: Path) -> None:
    store, article = tmp_path / "store", tmp_path / "artillery.txt"
    shutil.copyfile(SAMPLE / "artillery-pipeline.txt", article)
    for who in ("ana", "final"):
        assert newsmark("tag", str(article), "5", "claim", "--annotator", who, store=store).returncode == 0
    article.write_text(article.read_text(encoding="utf-8").replace(GONE, "Another sentence stands here now instead."), encoding="utf-8")
    listing = newsmark("orphans", str(article), store=store).stdout
    [final_line] = [line for line in listing.splitlines() if "by final" in line]
    assert "(the final layer: settle it with --annotator final, then export --split DIR --by final)" in final_line
    final_id = re.match(r"([0-9a-f]{8})-", final_line)
    assert final_id is not None
    refused = one_error_line(newsmark("orphans", str(article), "--delete", final_id.group(1), store=store))
    assert "the final layer's annotation" in refused and "--annotator final" in refused
    done = newsmark("orphans", str(article), "--delete", final_id.group(1), "--annotator", "final", store=store)
    assert done.returncode == 0 and done.stdout.startswith("deleted"), done.stderr
    left = newsmark("orphans", str(article), store=store).stdout
    assert "by final" not in left and "by ana" in left
