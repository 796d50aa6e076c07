"""Import of the city's task and indicator workbooks: guard → read grid → parse (domain) → analyse → apply."""
