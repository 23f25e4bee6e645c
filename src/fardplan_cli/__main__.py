from __future__ import annotations

from fardplan_cli.cli.app import main

if __name__ == "__main__":
    main()
