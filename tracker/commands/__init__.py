"""The commands of `tracker`, by what they do to the store."""
