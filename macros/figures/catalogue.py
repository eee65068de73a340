"""Every figure the data supports, drawn once: what `make bench` times and the tests walk through.

The site shows a figure only where a page calls for it; this list is the data's
side of the same rules (which trials get a forest row, a schema, a side-effect
chart; which results an icon array can show).
"""

from __future__ import annotations

from ..guide import Guide
from . import ae_chart, embed, forest, icons, mechanism, pathway, schema
from .svg import Figure


def all_figures(guide: Guide) -> list[Figure]:
    figures: list[Figure] = []
    figures += forest.forest_plot(guide)[:2]
    for trial in guide.trials.values():
        if forest.has_row(guide, trial.id):
            figures += forest.forest_plot(guide, trial_id=trial.id)[:2]
        if trial.randomised and len(trial.arms) > 1:
            figures.append(schema.trial_schema(guide, trial.id))
        figures += [ae_chart.ae_chart(guide, t.id) for t in ae_chart.charted_tables(guide, trial)]
    figures.append(mechanism.mechanism_diagram(guide))
    for path in guide.pathways:  # in the order sequencing.yml lists them
        key = f"pathway-{path.id}"
        figures.append(pathway.pathway_diagram(guide, path, embed.linker(embed.file_url(key), True)))
    figures += [icons.icon_array(guide, t, r) for t, r in icons.eligible(guide)]
    return figures
