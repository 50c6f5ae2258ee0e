"""The company-board registry: the data, its search, building it from public registries,
checking boards are alive, and naming a board from what a user types."""
