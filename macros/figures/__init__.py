"""Figures drawn from `data/` at build time: pure functions from the loaded guide to SVG.

One module per figure type (`forest`, `icons`, `mechanism`, `schema`, `pathway`,
`ae_chart`); `svg` holds what they share (palette, text measuring, the frame),
`embed` turns a figure into page markup, `files` writes the downloadable copies.
"""
