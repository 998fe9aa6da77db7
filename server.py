"""`python server.py`: the SPARQL server with `kg serve`'s defaults (./data/store or $KG_STORE,
http://127.0.0.1:5000/sparql, 10 s timeout), building the store from seeds/ first when it is empty."""

import sys

from kg.cli import main

if __name__ == "__main__":
    sys.exit(main(["serve"]))
