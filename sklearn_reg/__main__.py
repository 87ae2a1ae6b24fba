"""Allow ``python -m sklearn_reg``, the same as the ``sklearn-reg`` command."""

import sys

from sklearn_reg.cli import main

if __name__ == "__main__":
    sys.exit(main())
