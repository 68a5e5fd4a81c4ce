"""One module per pipeline stage: nlp, detect, actors, when, where, counts, assemble."""
