"""Generated page sources: one Markdown page per trial record, and the nav entries for them."""

from __future__ import annotations

from .loader import Guide
from .models import Role, Setting
from .pagecontext import trial_src


def trial_page_source(trial_id: str, title: str) -> str:
    """The page only calls the macro, so the trial renders with the page's own citations."""
    return f'---\ntitle: "{title}"\n---\n\n{{{{ trial_page("{trial_id}") }}}}\n'


def trials_nav(guide: Guide, overview_src: str) -> list:
    """Nav for the trials section: overview, then trials grouped by setting."""
    groups = [
        (guide.site.setting_labels[Setting.metastatic], lambda t: t.setting == Setting.metastatic and t.role != Role.context),
        (guide.site.setting_labels[Setting.early], lambda t: t.setting == Setting.early and t.role != Role.context),
        ("Sequencing context", lambda t: t.role == Role.context),
    ]
    nav: list = [{"Overview": overview_src}]
    for label, keep in groups:
        items = [{t.name: trial_src(t.id)} for t in guide.trials.values() if keep(t)]
        if items:
            nav.append({label: items})
    return nav
