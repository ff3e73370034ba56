"""The pages of the learning network, one module per concern."""
