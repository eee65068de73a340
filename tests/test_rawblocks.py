"""Raw HTML blocks are taken out before Markdown and put back unchanged; anything that is not a
verbatim block stays for Markdown."""

from __future__ import annotations

from macros.rawblocks import fill, stash

PAGE = """# Title

<div class="table-wrap" id="t1"><table>
<tr><td>a | b *c*</td></tr>
</table></div>

Text with <span>inline</span> HTML.

<div markdown>
**Markdown inside**
</div>

```html
<p>code</p>
```

<p class="x">kept</p>
more text straight after
"""


def test_verbatim_blocks_round_trip_and_keep_their_ids_visible() -> None:
    store: list[str] = []
    out = stash(PAGE, store)
    assert store == ['<div class="table-wrap" id="t1"><table>\n<tr><td>a | b *c*</td></tr>\n</table></div>']
    assert '<div data-guide-block="0"><a id="t1"></a></div>' in out
    assert "<div markdown>" in out and "<p>code</p>" in out and '<p class="x">kept</p>' in out
    converted = out.replace("# Title", "<h1>Title</h1>")
    assert fill(converted, store) == PAGE.replace("# Title", "<h1>Title</h1>")


def test_a_page_without_blocks_is_unchanged() -> None:
    assert stash("Just *text*.\n", []) == "Just *text*.\n"
    assert fill("<p>x</p>", []) == "<p>x</p>"
