"""The city level (`hpdesk init --level city`): the county registry, the inbox of counties' signed packages, the
receipts sent back, and the consolidation of every accepted package into the city's own tables and outputs."""
