"""The interactive face: Textual screens over the same Document and renderer as the pipe face."""
