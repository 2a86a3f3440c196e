from mdread.cli import run

run()
