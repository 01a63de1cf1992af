"""Frozen entry of the editor, and on Linux of the command line too.

On Linux the folder ships one executable: `duizhao-cli` is a symbolic link to `duizhao`, and the
name it was started by picks the program. Two executables would each carry their own copy of the
Python modules (~7 MB), which the size budget of the folder (150 MiB) cannot afford. Windows
keeps a separate console executable (duizhao_cli.py), because there the console is a property of
the executable file.
"""

import sys
from pathlib import Path

if __name__ == "__main__":
    if Path(sys.argv[0]).name.lower().startswith("duizhao-cli"):
        from app.cli import main
    else:
        from ui.main import main
    sys.exit(main())
