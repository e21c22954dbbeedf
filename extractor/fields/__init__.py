"""One module per field family; each finds candidates with offsets, chooses one, returns it."""
