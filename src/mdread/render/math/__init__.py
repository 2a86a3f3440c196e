"""Math, drawn in a terminal: Unicode where a faithful mapping exists, the LaTeX source otherwise.

:mod:`.symbols` holds the tables, :mod:`.latex` reads a formula into lines, :mod:`.formula`
picks between that and the source, and :mod:`.draw` lays display math out as blocks.
"""
