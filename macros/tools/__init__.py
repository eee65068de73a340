"""Developer tools that are not part of `make test`: `make audit` (Lighthouse) and `make bench` (timings)."""
