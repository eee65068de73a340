"""Raw HTML blocks kept out of Python-Markdown's way, and put back into the converted page.

Python-Markdown passes a top-level raw HTML block through unchanged, but two HTML parsers
(md_in_html's and MkDocs' anchor collector) read it character by character first; with
tables made from data, that parsing was the largest part of a page's Markdown time. So
before conversion each such block is swapped for a one-line placeholder, and the HTML
goes back in right after conversion (`on_page_content`, before the search index and the
theme see the page). The placeholder repeats the block's element ids as empty anchors, so
MkDocs still validates links to them.

Only blocks that Python-Markdown would pass through verbatim are swapped: starting at the
beginning of a line after a blank line, with a block-level element, ending with that
element's closing tag before the next blank line, balanced, outside code fences, and with
no `markdown` attribute (md_in_html content is Markdown).
"""

from __future__ import annotations

import re

BLOCK_TAGS = frozenset({"div", "p", "table", "ol", "ul", "figure", "nav", "details", "section", "aside", "dl",
                        "blockquote"})
_START = re.compile(r"<([a-z][a-z0-9]*)\b")
_MARKDOWN_ATTR = re.compile(r"\smarkdown(\s*=|[\s>])")
_ID = re.compile(r"""\sid=["']([^"'<>]+)["']""")
_SLOT = re.compile(r'<div data-guide-block="(\d+)">(?:<a id="[^"]*"></a>)*</div>')


def _balanced(block: str, tag: str) -> bool:
    return len(re.findall(rf"<{tag}\b", block)) == block.count(f"</{tag}>")


def stash(markdown: str, store: list[str]) -> str:
    """`markdown` with its verbatim HTML blocks replaced by placeholders; the blocks are appended to `store`."""
    if "<" not in markdown:
        return markdown
    lines = markdown.split("\n")
    out: list[str] = []
    fence = ""
    i = 0
    while i < len(lines):
        line = lines[i]
        if fence:
            if line.startswith(fence):
                fence = ""
            out.append(line)
            i += 1
            continue
        if line.startswith(("```", "~~~")):
            fence = line[:3]
            out.append(line)
            i += 1
            continue
        match = _START.match(line)
        if match and match.group(1) in BLOCK_TAGS and (not out or not out[-1].strip()):
            end = i
            while end < len(lines) and lines[end].strip():
                end += 1
            block = "\n".join(lines[i:end])
            tag = match.group(1)
            if block.rstrip().endswith(f"</{tag}>") and _balanced(block, tag) and not _MARKDOWN_ATTR.search(block):
                anchors = "".join(f'<a id="{x}"></a>' for x in dict.fromkeys(_ID.findall(block)))
                out.append(f'<div data-guide-block="{len(store)}">{anchors}</div>')
                store.append(block)
                i = end
                continue
        out.append(line)
        i += 1
    return "\n".join(out)


def fill(html: str, store: list[str]) -> str:
    """Put every stashed block back where its placeholder is."""
    if not store:
        return html
    return _SLOT.sub(lambda m: store[int(m.group(1))], html)
