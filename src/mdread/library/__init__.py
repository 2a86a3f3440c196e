"""The library: ``mdread DIR`` lists a folder of posts by their own metadata.

``discover`` finds the files; ``read`` reads one post cheaply (with the
``simple_yaml``/``simple_toml`` fast paths); ``index`` keeps what was read in
SQLite between runs (``store`` owns the file, ``terms`` the full-text words);
``query`` filters and sorts; ``listing`` is the command-line face. The screen
lives in :mod:`mdread.faces.tui.library`.
"""
