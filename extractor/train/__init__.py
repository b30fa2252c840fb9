"""Training of the learned recognisers from the gold corpus (``policyx train``)."""
