"""Release packages made from a built site: the offline zip, the SCORM 1.2 package and PDF handouts.

Each reads the site's `pages.json` (written by the build: nav order, page files, audience,
name and version), so none of them needs to know the guide's content.
"""
