"""Scoring eventscope (or a coded dataset) against public gold data, and timing it.

    loaders (load_*.py) -> Dataset of gold records (records.py)
    predict.py          -> predictions from the pipeline or its stage functions
    scorers.py, matching.py -> metrics, per-class rows, worst errors
    runner.py           -> `evaluate(name, path)` ties them together; report.py prints it
    bench.py            -> speed: articles/s, words/s, peak RSS, seconds per stage, spaCy alone
    cli.py              -> `register(subparsers)` for the `eval` and `bench` commands
"""
