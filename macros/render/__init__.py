"""Pure render functions: validated models in, Markdown/HTML out."""
